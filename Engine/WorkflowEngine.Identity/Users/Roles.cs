namespace WorkflowEngine.Runtime.Users;

/// <summary>The roles of the people who use the system.</summary>
public static class Roles
{
    public const string Applicant = "applicant";
    public const string Clerk = "clerk";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";
}
