using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Identity;

/// <summary>A password sign-in's result: the user and the stamp the session carries, or why not and until when.</summary>
public sealed record SignInOutcome(SignInStatus Status, UserRecord? User = null, string? SecurityStamp = null, DateTimeOffset? LockedUntil = null);
