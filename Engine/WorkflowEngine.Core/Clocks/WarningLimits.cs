namespace WorkflowEngine.Core.Clocks;

/// <summary>The limits a clock is warned against: a stage's or step's own limit is a promised one.</summary>
public static class WarningLimits
{
    public const string Promised = "promised";
    public const string Statutory = "statutory";
}
