namespace WorkflowEngine.Hosting.Api.Clocks;

/// <summary>
/// One limit of a clock and how its due time comes about, in office hours (a working day is 7): granted, added by
/// extensions, used, paused, left (negative once passed); the dates that did not count and the make-up workdays that did.
/// <see cref="DueAtIfResumedNow"/> is true while the clock is paused: the due time then moves on with the pause.
/// <see cref="Warning"/> is none, yellow (three quarters of the limit used, from <see cref="YellowAt"/>) or red (passed).
/// <see cref="Provisional"/> is true when the counting passes a year whose holiday arrangement is not loaded (暂定);
/// <see cref="ProvisionalReason"/> then names the calendar and the years. <see cref="ExpectedDueAt"/>: while the clock
/// stands still for an excluded period whose end is known, where the due time falls if the period ends then.
/// </summary>
public sealed record ClockLimitDto(
    string Limit,
    DateTimeOffset? DueAt,
    bool DueAtIfResumedNow,
    bool Overdue,
    string Warning,
    DateTimeOffset? YellowAt,
    DateTimeOffset CountsFrom,
    decimal GrantedHours,
    decimal ExtendedHours,
    decimal UsedHours,
    decimal PausedHours,
    decimal LeftHours,
    decimal LeftWorkingDays,
    IReadOnlyList<UncountedDayDto> NotCounted,
    IReadOnlyList<MakeUpWorkdayDto> MakeUpWorkdays,
    bool Provisional = false,
    string? ProvisionalReason = null,
    IReadOnlyList<int>? ProvisionalYears = null,
    DateTimeOffset? ExpectedDueAt = null);
