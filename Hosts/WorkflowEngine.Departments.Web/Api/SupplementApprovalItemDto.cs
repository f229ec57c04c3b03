namespace WorkflowEngine.Hosting.Api;

/// <summary>One item of a further supplement request waiting for approval: the material's key and what to put right.</summary>
public sealed record SupplementApprovalItemDto(string? Material, string Reason)
{
    /// <summary>The form's field to correct, on an item that names one instead of a material.</summary>
    public string? Field { get; init; }
}
