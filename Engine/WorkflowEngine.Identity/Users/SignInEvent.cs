namespace WorkflowEngine.Runtime.Users;

/// <summary>
/// One sign-in event: who (the user name as given, bounded; the user's id when known), what, when, from where, and
/// through which channel. Never a password. The id is the store's (0 before it is stored).
/// </summary>
public sealed record SignInEvent(
    long Id,
    DateTimeOffset At,
    string Kind,
    string UserName,
    string? UserId,
    string? ClientAddress,
    string Channel);
