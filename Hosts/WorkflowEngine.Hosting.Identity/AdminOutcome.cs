using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Identity;

/// <summary>
/// The result of an administrator's change: the user as it now stands, the password made up for them (to show once,
/// never stored as given), or the errors by field, or why it was refused.
/// </summary>
public sealed record AdminOutcome(
    AdminOutcomeStatus Status,
    UserAccount? Account = null,
    string? Password = null,
    IReadOnlyDictionary<string, string[]>? Errors = null,
    string? Problem = null)
{
    public static AdminOutcome Invalid(Dictionary<string, string[]> errors) => new(AdminOutcomeStatus.Invalid, Errors: errors);

    public static AdminOutcome Refused(string problem) => new(AdminOutcomeStatus.Refused, Problem: problem);

    public static AdminOutcome NotFound(string problem) => new(AdminOutcomeStatus.NotFound, Problem: problem);
}
