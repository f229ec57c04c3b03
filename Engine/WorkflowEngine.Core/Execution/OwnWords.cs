namespace WorkflowEngine.Core.Execution;

/// <summary>
/// A reason a person typed (a clerk's refusal, an administrator's cancellation) as the English pages show it: the
/// words stay as typed, marked as whose they are, so a reader of English knows why they are not in English.
/// </summary>
public static class OwnWords
{
    /// <summary>What a department's clerk wrote.</summary>
    public static string Department(string typed) => $"“{typed}” (the department's own words)";

    /// <summary>What an administrator of the service centre wrote.</summary>
    public static string Administrator(string typed) => $"“{typed}” (the service centre's own words)";
}
