using System.Text.Json.Serialization;

namespace WorkflowEngine.Core.Clocks;

/// <summary>What a clock times: one department's step, a stage, or the whole bundle (一件事).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ClockKind>))]
public enum ClockKind
{
    Step,
    Stage,
    Bundle,
}
