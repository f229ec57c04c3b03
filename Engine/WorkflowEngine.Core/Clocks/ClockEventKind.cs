using System.Text.Json.Serialization;

namespace WorkflowEngine.Core.Clocks;

/// <summary>What happened to a clock.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ClockEventKind>))]
public enum ClockEventKind
{
    Start,
    Pause,
    Resume,
    Extend,
    Stop,

    /// <summary>
    /// The expected end of the pause under way (an excluded period's <see cref="ClockEvent.Until"/>) was set or moved: the
    /// clock runs again by itself at the new one. Nothing counted changes until then.
    /// </summary>
    EndChanged,

    /// <summary>
    /// The calendar the clock counts on changed (a year's holiday arrangement was loaded): nothing in the log moved,
    /// but the due time derived from it did. Recorded so the change is explained, and so the revision grows.
    /// </summary>
    Recount,
}
