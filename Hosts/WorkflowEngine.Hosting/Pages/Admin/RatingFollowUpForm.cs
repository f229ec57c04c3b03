namespace WorkflowEngine.Hosting.Pages.Admin;

/// <summary>
/// The follow-up (整改) form of one bad rating on /admin/ratings: of the application's overall rating, or of its rating of
/// <paramref name="Step"/> (一事一评); <paramref name="Label"/> names it to a screen reader, <paramref name="Error"/> and
/// <paramref name="Note"/> come back from a refused post.
/// </summary>
public sealed record RatingFollowUpForm(Guid Application, string? Step, string Label, string? Error, string? Note)
{
    /// <summary>The note's id, unique on the page.</summary>
    public string NoteId => RatingsModel.NoteId(Application, Step);
}
