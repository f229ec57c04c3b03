using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Core.Clocks;

/// <summary>
/// One clock of an application, against its promised and its statutory limit (either may be absent); its yellow card
/// comes once <paramref name="YellowShare"/> of a limit is used.
/// </summary>
public sealed record Clock(
    ClockKind Kind,
    string Id,
    string Title,
    WorkingTimeLimit? Promised,
    WorkingTimeLimit? Statutory,
    IReadOnlyList<ClockEvent> Events,
    double YellowShare = DeadlineWarnings.DefaultYellowShare)
{
    public ClockTimeline Timeline { get; } = ClockTimeline.Of(Events);
}
