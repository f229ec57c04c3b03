namespace WorkflowEngine.Runtime.Users;

/// <summary>How many wrong passwords in a row lock an account, and for how long.</summary>
public sealed record LockoutPolicy(int MaxFailures, TimeSpan Duration);
