namespace WorkflowEngine.Runtime.Applications;

/// <summary>
/// A submission at the comprehensive window (综合窗口) for a citizen who walked in: the staff member who submitted it
/// (the audit's actor), the citizen's identity as the audit keeps it, and the SHA-256 of the query code printed on
/// the receipt, by which the citizen follows the application without an account.
/// </summary>
public sealed record WalkInIntake(string StaffId, string IdType, string IdNumber, string Phone, string QueryCodeSha256)
{
    /// <summary>The audit's <c>channel</c> of a window submission.</summary>
    public const string Channel = "window";

    /// <summary>A walk-in's application is owned by no account: no user id can begin with this (user names have no colon).</summary>
    public const string OwnerPrefix = "walk-in:";

    /// <summary>The identity document of a person (居民身份证).</summary>
    public const string ResidentId = "resident-id";

    /// <summary>The unified social credit code of a company or other organisation (统一社会信用代码).</summary>
    public const string Uscc = "uscc";
}
