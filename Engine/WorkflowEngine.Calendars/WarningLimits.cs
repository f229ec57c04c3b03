namespace WorkflowEngine.Core.Clocks;

/// <summary>The limits a clock is warned against: a stage's or step's <c>limit</c> is a promised one, its <c>statutoryLimit</c> a statutory one.</summary>
public static class WarningLimits
{
    public const string Promised = "promised";
    public const string Statutory = "statutory";
}
