using System.Text.Json.Serialization;

namespace WorkflowEngine.Core.Clocks;

/// <summary>Where a clock stands.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ClockStatus>))]
public enum ClockStatus
{
    NotStarted,
    Running,
    Paused,
    Stopped,
}
