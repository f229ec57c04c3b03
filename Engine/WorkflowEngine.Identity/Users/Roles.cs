namespace WorkflowEngine.Runtime.Users;

/// <summary>The roles of the people who use the system.</summary>
public static class Roles
{
    public const string Applicant = "applicant";

    /// <summary>Staff of the comprehensive window (综合窗口), who submit applications for citizens who walk in; no department's decisions.</summary>
    public const string Window = "window";
    public const string Clerk = "clerk";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";
}
