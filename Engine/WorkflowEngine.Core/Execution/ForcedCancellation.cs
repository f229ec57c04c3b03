using WorkflowEngine.Core.Activities;
using WorkflowEngine.Core.Clocks;

namespace WorkflowEngine.Core.Execution;

/// <summary>
/// Cancels a running application's state without its flow, when the flow cannot run even to be cancelled (its
/// definition no longer loads, or an activity fails as it is cancelled). It ends what an ordinary cancellation ends,
/// from the state alone: every active node is cancelled (a department holding one is told), every timer the state
/// knows of goes (steps', stages', the deadline cards', the deferred materials', the verifications'), a verification
/// still to come (事后核查) is dropped and one out is recalled — so nothing fires later for an application that ended.
/// </summary>
public static class ForcedCancellation
{
    public static InterpretResult Apply(InstanceState state, string reason, string reasonEn, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var ended = state.Clone();
        var commands = new List<EngineCommand>
        {
            new CancelTimer(WarningWatch.TimerId),
            new CancelTimer(DeferralWatch.TimerId),
        };
        var audit = new List<AuditEntry>();
        var changed = new List<string>();
        foreach (var (id, node) in ended.Nodes)
        {
            if (node.TimerId is { } timer)
            {
                commands.Add(new CancelTimer(timer));
                node.TimerId = null;
                changed.Add(id);
            }

            if (node.Status == NodeStatus.Active)
            {
                if (node.Department is { } department)
                {
                    commands.Add(new RecallStep(id, node.Attempt, department, reason) { ReasonEn = reasonEn });
                }

                node.Status = NodeStatus.Cancelled;
                node.CompletedAt = now;
                node.Reason = reason;
                node.ReasonEn = reasonEn;
                if (node.Clock is { Count: > 0 } clock)
                {
                    clock.Add(ClockEvent.Stopped(now));
                }

                changed.Add(id);
            }

            if (node.Commitment is { Status: CommitmentStatus.AwaitingVerification or CommitmentStatus.Verifying } commitment)
            {
                if (commitment.Status == CommitmentStatus.AwaitingVerification)
                {
                    commands.Add(new CancelTimer(id + CommitmentState.TimerSuffix));
                }
                else if (commitment is { VerificationAttempt: { } attempt } && node.Department is { } department)
                {
                    commands.Add(new RecallStep(id, attempt, department, reason) { ReasonEn = reasonEn });
                }

                node.Commitment = commitment with { Status = CommitmentStatus.Dropped };
                audit.Add(new AuditEntry(AuditTypes.CommitmentVerificationDropped, id, now, null, new Dictionary<string, string?>
                {
                    ["reason"] = reason,
                    ["was"] = commitment.Status == CommitmentStatus.Verifying ? "verifying" : "awaiting-verification",
                }));
                changed.Add(id);
            }
        }

        ended.NextWarningAt = null;
        ended.Status = WorkflowStatus.Cancelled;
        ended.CompletedAt = now;
        ended.Reason = reason;
        ended.ReasonEn = reasonEn;
        if (ended.Clock is { Count: > 0 } bundle)
        {
            bundle.Add(ClockEvent.Stopped(now));
        }

        return new InterpretResult(ended, commands, audit, changed.Distinct(StringComparer.Ordinal).ToArray());
    }
}
