namespace WorkflowEngine.Runtime.Ratings;

/// <summary>
/// An administrator's follow-up (整改) of a bad rating, as written: the note, who and when; of the application's overall
/// rating, or of its rating of step <paramref name="StepId"/> (一事一评).
/// </summary>
public sealed record RatingFollowUp(Guid ApplicationId, string Note, string By, DateTimeOffset At, string? StepId = null);
