namespace WorkflowEngine.Contracts;

/// <summary>The outcome values of <see cref="StepCompleted"/>.</summary>
public static class StepOutcomes
{
    public const string Approved = "approved";
    public const string Rejected = "rejected";
}
