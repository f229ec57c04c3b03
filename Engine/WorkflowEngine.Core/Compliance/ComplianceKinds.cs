namespace WorkflowEngine.Core.Compliance;

/// <summary>The ways a department host's compliance report can disagree with the engine's recomputation.</summary>
public static class ComplianceKinds
{
    /// <summary>The host and the engine disagree whether the step was decided on time.</summary>
    public const string OnTimeDiffers = "on-time-differs";

    /// <summary>The host held another due time: its calendar is wrong, or it missed a <c>StepDueChanged</c>.</summary>
    public const string DueDiffers = "due-differs";

    /// <summary>The host's instants cannot be right by the engine's clock: decided after it was sent or after the engine heard of it, sent after it arrived, or received before dispatch.</summary>
    public const string ClockSkew = "clock-skew";

    /// <summary>The decision is dated far earlier than the host sent its report (its arrival, where the host does not say): a time written in afterwards.</summary>
    public const string Backfilled = "backfilled";

    /// <summary>The host counted a different amount of working time used.</summary>
    public const string WorkingTimeDiffers = "working-time-differs";

    /// <summary>The host counted a different amount of working time the clock stood paused (a pause it missed, or one it kept running).</summary>
    public const string PausedTimeDiffers = "paused-time-differs";

    /// <summary>Not a disagreement: the host sent no compliance block (an older host). Used as a filter only.</summary>
    public const string NotReported = "not-reported";

    /// <summary>Every disagreement kind, in the order they are listed.</summary>
    public static IReadOnlyList<string> All { get; } = [OnTimeDiffers, DueDiffers, ClockSkew, Backfilled, WorkingTimeDiffers, PausedTimeDiffers];
}
