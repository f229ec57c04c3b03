using System.Text.Json.Serialization;

namespace WorkflowEngine.Core.Execution;

/// <summary>The decision a completed step came to.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StepOutcome>))]
public enum StepOutcome
{
    Approved,
    Rejected,
}
