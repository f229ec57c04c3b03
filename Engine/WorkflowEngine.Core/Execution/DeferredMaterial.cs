namespace WorkflowEngine.Core.Execution;

/// <summary>
/// A required material the application was accepted without (容缺): due at <paramref name="DueAt"/>, the applicant
/// reminded at <paramref name="RemindAt"/>; what has happened to it since.
/// </summary>
public sealed record DeferredMaterial(string Key, DateTimeOffset DueAt, DateTimeOffset? RemindAt)
{
    public bool Reminded { get; init; }

    /// <summary>Its due time passed before it came.</summary>
    public bool Overdue { get; init; }

    public DateTimeOffset? SuppliedAt { get; init; }

    /// <summary>Still missing, and past its due time: the steps using it stand still (when the definition says so).</summary>
    public bool Blocking => Overdue && SuppliedAt is null;
}
