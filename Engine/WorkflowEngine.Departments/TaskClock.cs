using WorkflowEngine.Contracts;

namespace WorkflowEngine.Runtime.Departments;

/// <summary>
/// What a task keeps to count its working time as the engine does: the calendar the engine dispatched it on, and the
/// pauses that have ended (the one under way is <see cref="TaskRecord.ClockPausedSince"/>). A due time the engine counted
/// on a newer version of the calendar (a year loaded) brings that version, and <see cref="VersionSince"/> when it came.
/// <see cref="Provisional"/> is why the engine's last due time is provisional (暂定), while it is. While the clock
/// stands still, <see cref="PausedFor"/> says what for (<see cref="StepDueChanged.PausedFor"/>) and <see cref="PausedUntil"/>
/// when an excluded period ends by itself, where known, and <see cref="PausedBecauseEn"/> why in English
/// (<see cref="TaskRecord.ClockPausedBecause"/> is the Chinese): the supervisors' list of paused steps shows them.
/// <see cref="SupervisedFor"/> is the due time the task was last supervised (督办) for: a rule for a later one tells the
/// supervisors again, one for the same due time does not. <see cref="WarningProvisional"/> is why the due time the task's
/// card (<see cref="TaskRecord.Warning"/>) warns of is provisional, while it is.
/// </summary>
public sealed record TaskClock(
    string? CalendarId,
    string? CalendarVersion,
    IReadOnlyList<ClockPause> Pauses,
    DateTimeOffset? VersionSince = null,
    ProvisionalDueTime? Provisional = null,
    string? PausedFor = null,
    DateTimeOffset? PausedUntil = null,
    DateTimeOffset? SupervisedFor = null,
    ProvisionalDueTime? WarningProvisional = null,
    string? PausedBecauseEn = null);
