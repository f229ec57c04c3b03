namespace WorkflowEngine.Contracts;

/// <summary>
/// On an <c>ExecuteStep</c>, a <c>StepDueChanged</c>, a <c>StepWarningRaised</c> or a <c>StepEscalated</c>: the due time is provisional (暂定) because counting it passes a
/// year whose holiday arrangement is not loaded on the engine's calendar, so those dates count weekends only and the
/// due time may move once the arrangement is published and loaded. Absent when the due time is final. Added to version 1.
/// </summary>
public sealed record ProvisionalDueTime
{
    /// <summary>The years with no arrangement loaded that the counting passes, in order.</summary>
    public required IReadOnlyList<int> MissingYears { get; init; }

    /// <summary>Why, in Chinese, naming the calendar and the years: what a clerk reads beside the due time.</summary>
    public required string Reason { get; init; }

    /// <summary>The same in English.</summary>
    public string? ReasonEn { get; init; }
}
