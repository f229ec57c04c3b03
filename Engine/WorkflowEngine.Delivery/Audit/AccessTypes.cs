namespace WorkflowEngine.Runtime.Audit;

/// <summary>The audit types of reads of personal data.</summary>
public static class AccessTypes
{
    /// <summary>Someone opened the application (form, materials list, progress).</summary>
    public const string ApplicationViewed = "ApplicationViewed";

    /// <summary>Someone downloaded one of its materials.</summary>
    public const string MaterialDownloaded = "MaterialDownloaded";

    /// <summary>A clerk opened a task, which shows the whole application.</summary>
    public const string TaskViewed = "TaskViewed";
}
