namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// A running application's bundle clock (<c>bundle</c>, the whole 一件事) or stage clock (<c>stage</c>) on a yellow or
/// red card against its promised or its statutory limit: <see cref="Warning"/> is the worse card, <see cref="Limit"/>
/// the limit of the most urgent one, <see cref="DueAt"/> and <see cref="LeftHours"/> that limit's (negative once
/// passed), <see cref="Cards"/> every limit on a card. <see cref="Provisional"/> is true when that due time is counted
/// through a year with no holiday arrangement loaded (暂定), <see cref="ProvisionalReason"/> says why and
/// <see cref="ProvisionalYears"/> names the years. A paused clock (<see cref="ClockStatus"/> <c>paused</c>) comes after
/// the running ones of its colour: its due time does not run.
/// </summary>
public sealed record LateClockDto(
    Guid ApplicationId,
    string TrackingNumber,
    string ServiceId,
    string ServiceTitle,
    string Kind,
    string ClockId,
    string Title,
    string Warning,
    string Limit,
    string ClockStatus,
    DateTimeOffset? DueAt,
    decimal LeftHours,
    IReadOnlyList<LimitWarningDto> Cards,
    bool Provisional = false,
    string? ProvisionalReason = null,
    IReadOnlyList<int>? ProvisionalYears = null);
