namespace WorkflowEngine.Contracts;

/// <summary>One item of a supplement request (补正): a material of the step, and what is wrong with it or missing.</summary>
public sealed record SupplementItem
{
    /// <summary>The material's key, one of the step's materials.</summary>
    public required string Material { get; init; }

    /// <summary>What the applicant must put right, in words they read.</summary>
    public required string Reason { get; init; }
}
