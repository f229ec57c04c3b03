using System.Text.Json.Serialization;

namespace WorkflowEngine.Core.Execution;

/// <summary>Where a node of a running application stands; a node not yet reached has no state at all.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NodeStatus>))]
public enum NodeStatus
{
    Active,
    Completed,
    Skipped,
    Cancelled,
}
