using System.Text.Json;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Runtime.Applications;

namespace WorkflowEngine.Runtime.Processing;

/// <summary>The engine's step row for a tracked node, derived from its state.</summary>
public static class StepProjection
{
    public static StepRecord From(Guid applicationId, StepNode node, NodeState? state) =>
        state?.Commitment is { Status: CommitmentStatus.Verifying } verifying ? Verifying(Of(applicationId, node, state), verifying) : Of(applicationId, node, state);

    /// <summary>
    /// A step approved on commitment whose verification task (事后核查) is out: the row follows that task as it follows a
    /// dispatched step — sent, then held by the department, due at the verification's due time — so the department's
    /// open work counts it and the stuck-work check sends it again when nothing comes back.
    /// </summary>
    private static StepRecord Verifying(StepRecord approved, CommitmentState verification) => approved with
    {
        Status = verification.VerificationReceivedAt is null ? StepStatuses.Dispatched : StepStatuses.Received,
        DueAt = verification.VerificationDueAt,
        LastContactAt = verification.VerificationSentAt is { } sent ? Max(sent, verification.VerificationHeardAt) : null,
    };

    /// <summary>
    /// The step as its applicant sees it: a step approved on commitment stays approved, with its own due time, while its
    /// verification task is out — the commitment's status says it is being verified, and only a failed verification
    /// takes the approval back. The stored row (<see cref="From"/>) follows the verification task for the department's
    /// open work and the stuck-work check instead.
    /// </summary>
    public static StepRecord AsDecided(StepRecord row, StepNode node, NodeState? state) =>
        state?.Commitment is { Status: CommitmentStatus.Verifying } ? Of(row.ApplicationId, node, state) : row;

    private static StepRecord Of(Guid applicationId, StepNode node, NodeState? state) => new()
    {
        ApplicationId = applicationId,
        StepId = node.Id,
        Kind = node.ActivityKey,
        Department = state?.Department,
        Title = node.DisplayTitle,
        Status = StatusOf(state),
        Attempt = state?.Attempt ?? 0,
        DispatchedAt = state?.StartedAt,
        DueAt = state?.DueAt,
        ReceivedAt = state?.ReceivedAt,
        LastContactAt = state is { Status: NodeStatus.Active, LastSentAt: { } sent } ? Max(sent, state.LastHeardAt) : null,
        ClaimedBy = state?.ClaimedBy,
        ClaimedAt = state?.ClaimedAt,
        CompletedAt = state?.Status is NodeStatus.Completed or NodeStatus.Cancelled or NodeStatus.Skipped ? state.CompletedAt : null,
        OnTime = state?.Status == NodeStatus.Completed ? state.OnTime : null,
        Outcome = state?.Outcome switch
        {
            StepOutcome.Approved => StepStatuses.Approved,
            StepOutcome.Rejected => StepStatuses.Rejected,
            _ => null,
        },
        Reason = state?.Reason,
        ReasonEn = state?.ReasonEn,
        OutputsJson = state?.Outputs is { Count: > 0 } outputs ? JsonSerializer.Serialize(outputs, StoredJson.Options) : null,
    };

    public static string StatusOf(NodeState? state) => state?.Status switch
    {
        null => StepStatuses.Pending,
        NodeStatus.Active when state.ClaimedBy is not null => StepStatuses.Claimed,
        NodeStatus.Active when state.ReceivedAt is not null => StepStatuses.Received,
        NodeStatus.Active when state.Department is not null => StepStatuses.Dispatched,
        NodeStatus.Active => StepStatuses.Running,
        NodeStatus.Completed when state.Commitment is { Status: CommitmentStatus.Failed } => StepStatuses.Revoked,
        NodeStatus.Completed => state.Outcome == StepOutcome.Rejected ? StepStatuses.Rejected : StepStatuses.Approved,
        NodeStatus.Skipped => StepStatuses.Skipped,
        _ => StepStatuses.Cancelled,
    };

    private static DateTimeOffset Max(DateTimeOffset sent, DateTimeOffset? heard) => heard is { } h && h > sent ? h : sent;
}
