namespace WorkflowEngine.Runtime.Users;

/// <summary>
/// What the check of a session or token reads of its account at each request: the password's current stamp (null for a
/// user without a password here, such as the identity platform's), whether an administrator disabled it, and the id of
/// its last sign-out in the sign-in audit (0 for none), which outdates every platform session begun before it; and the
/// directory's record of the person (name, role, department), which a request with the identity platform's token
/// compares with the platform's claims to write it only when they differ.
/// </summary>
public sealed record AccountStanding(string? SecurityStamp, bool IsDisabled, long LatestSignOutId, UserRecord User);
