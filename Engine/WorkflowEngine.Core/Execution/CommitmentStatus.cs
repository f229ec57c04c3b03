using System.Text.Json.Serialization;

namespace WorkflowEngine.Core.Execution;

/// <summary>Where a step approved on commitment stands with its verification (事后核查).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CommitmentStatus>))]
public enum CommitmentStatus
{
    /// <summary>Approved; the verification task comes at <see cref="CommitmentState.VerifyAt"/>.</summary>
    AwaitingVerification,

    /// <summary>The department holds the verification task.</summary>
    Verifying,

    Passed,

    /// <summary>The commitment was not kept: the approval is revoked.</summary>
    Failed,

    /// <summary>The application was withdrawn or cancelled before the verification ended: none is made (the trail says why).</summary>
    Dropped,
}
