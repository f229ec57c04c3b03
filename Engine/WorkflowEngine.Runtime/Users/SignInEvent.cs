namespace WorkflowEngine.Runtime.Users;

/// <summary>
/// One sign-in event: who (the user name as given, bounded; the user's id when known), what, when, from where, and
/// through which channel. Never a password.
/// </summary>
public sealed record SignInEvent(
    Guid Id,
    DateTimeOffset At,
    string Kind,
    string UserName,
    string? UserId,
    string? ClientAddress,
    string Channel);
