namespace WorkflowEngine.Runtime.Applications;

/// <summary>
/// A running bundle's or stage's clock as the engine counted it when it last committed the application: when its card
/// turns yellow and red against the promised limit (<see cref="WarnAt"/>, <see cref="DueAt"/>) and against the statutory
/// one; each null where the clock has no such limit or is paused short of that turn (a paused clock uses no time).
/// <see cref="Paused"/>: the clock stands still, so the late list puts it after the running ones of its colour.
/// </summary>
public sealed record OpenClockRecord(
    Guid ApplicationId,
    string ClockId,
    string Kind,
    string ServiceId,
    string Title,
    DateTimeOffset? WarnAt,
    DateTimeOffset? DueAt,
    DateTimeOffset? StatutoryWarnAt,
    DateTimeOffset? StatutoryDueAt,
    bool Paused = false)
{
    /// <summary>The bundle's clock (<c>bundle</c>) and a stage's (<c>stage</c>), as the API names them.</summary>
    public const string BundleKind = "bundle";

    public const string StageKind = "stage";

    /// <summary>From when the clock is on a red card against either limit.</summary>
    public DateTimeOffset? RedAt => Earliest(DueAt, StatutoryDueAt);

    /// <summary>From when the clock is on a card of either colour against either limit.</summary>
    public DateTimeOffset? YellowAt => Earliest(Earliest(WarnAt, StatutoryWarnAt), RedAt);

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null || a <= b ? a : b;
}
