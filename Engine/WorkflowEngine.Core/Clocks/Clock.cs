using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Core.Clocks;

/// <summary>One clock of an application, against its promised and its statutory limit (either may be absent).</summary>
public sealed record Clock(
    ClockKind Kind,
    string Id,
    string Title,
    WorkingTimeLimit? Promised,
    WorkingTimeLimit? Statutory,
    IReadOnlyList<ClockEvent> Events)
{
    public ClockTimeline Timeline { get; } = ClockTimeline.Of(Events);
}
