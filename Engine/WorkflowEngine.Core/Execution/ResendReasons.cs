namespace WorkflowEngine.Core.Execution;

/// <summary>Why the engine sends a dispatched step again (<see cref="StepResendEvent"/>).</summary>
public static class ResendReasons
{
    /// <summary>The department never acknowledged the step within the acknowledgement timeout.</summary>
    public const string Unacknowledged = "unacknowledged";

    /// <summary>The department holds the step, but the engine has heard nothing for the probe interval: a lost report is recovered this way.</summary>
    public const string Probe = "probe";
}
