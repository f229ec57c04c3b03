using WorkflowEngine.Core.Clocks;

namespace WorkflowEngine.Runtime.Applications;

/// <summary>A request or decision on a clock extension: what it became, or why it was refused.</summary>
public sealed record ClockExtensionOutcome(ClockExtensionView? Value, ClockExtensionRefusal? Refusal)
{
    public static ClockExtensionOutcome Of(ClockExtensionView value) => new(value, null);

    public static ClockExtensionOutcome Refused(ClockExtensionRefusal refusal) => new(null, refusal);
}
