namespace WorkflowEngine.Hosting.Identity;

/// <summary>The claims a signed-in user carries.</summary>
public static class ClaimNames
{
    public const string Department = "department";
}
