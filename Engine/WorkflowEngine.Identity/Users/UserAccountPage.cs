namespace WorkflowEngine.Runtime.Users;

/// <summary>One page of an administrator's user list, and how many users the filter matches in all.</summary>
public sealed record UserAccountPage(IReadOnlyList<UserAccount> Items, int Total);
