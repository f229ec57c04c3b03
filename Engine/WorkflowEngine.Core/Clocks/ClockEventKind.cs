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
}
