namespace WorkflowEngine.Runtime.Ratings;

/// <summary>An administrator's follow-up (整改) of a bad rating, as written: the note, who and when.</summary>
public sealed record RatingFollowUp(Guid ApplicationId, string Note, string By, DateTimeOffset At);
