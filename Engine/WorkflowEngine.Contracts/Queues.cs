namespace WorkflowEngine.Contracts;

/// <summary>The queue names of the contract.</summary>
public static class Queues
{
    /// <summary>Where departments report claims and decisions.</summary>
    public const string EngineReports = "engine.reports";

    /// <summary>A department's queue: <c>dept.&lt;code&gt;</c>.</summary>
    public static string Department(string code) => "dept." + code;
}
