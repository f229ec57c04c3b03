using WorkflowEngine.Calendars;

namespace WorkflowEngine.Core.Model;

/// <summary>The bundle's limits: statutory (法定时限) and the shorter one the service promises (承诺时限).</summary>
public sealed record BundleTimeLimits
{
    public WorkingTimeLimit? Statutory { get; init; }

    public WorkingTimeLimit? Promised { get; init; }

    /// <summary>
    /// How much of a limit is used when the yellow card (黄牌) comes, between 0 and 1: for the bundle's clocks, and for
    /// every step and stage that sets none of its own. Three quarters when absent.
    /// </summary>
    public double? YellowShare { get; init; }

    /// <summary>The escalation rules of every department step that sets none of its own (<c>escalation</c> on the step).</summary>
    public IReadOnlyList<EscalationRule>? Escalation { get; init; }

    /// <summary>Whether and how far the bundle's clock may be extended (<c>timeLimits.extension</c>); null: it may not.</summary>
    public ExtensionRules? Extension { get; init; }
}
