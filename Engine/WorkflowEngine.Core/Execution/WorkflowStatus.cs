using System.Text.Json.Serialization;

namespace WorkflowEngine.Core.Execution;

/// <summary>The state of a whole application's flow.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WorkflowStatus>))]
public enum WorkflowStatus
{
    Running,
    Completed,
    Rejected,
    Cancelled,

    /// <summary>The applicant withdrew the application (撤回) before it was decided.</summary>
    Withdrawn,
}
