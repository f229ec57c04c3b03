using WorkflowEngine.Contracts;
using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Runtime.Outbox;

namespace WorkflowEngine.Runtime.Processing;

/// <summary>What the engine tells a department about a step it holds, after dispatch: each command as its contract message.</summary>
internal static class DepartmentMessages
{
    /// <summary>The command as its message; <paramref name="calendarVersion"/> is the version of the calendar the application counts on now.</summary>
    public static OutboxMessage ToOutbox(EngineCommand command, Guid applicationId, DateTimeOffset now, string? calendarVersion = null) => command switch
    {
        RecallStep recall => MessageJson.ToOutbox(
            new CancelStep
            {
                ApplicationId = applicationId,
                StepId = recall.StepId,
                Attempt = recall.Attempt,
                Department = recall.Department,
                Reason = recall.Reason,
                ReasonEn = recall.ReasonEn,
                CancelledAt = now,
            },
            Queues.Department(recall.Department),
            now),
        AnnounceDue due => MessageJson.ToOutbox(
            new StepDueChanged
            {
                ApplicationId = applicationId,
                StepId = due.StepId,
                Attempt = due.Attempt,
                Department = due.Department,
                Revision = due.Revision,
                DueAt = due.DueAt,
                DueProvisional = ProvisionalDueMessages.Of(due.Provisional),
                StatutoryDueAt = due.Statutory?.DueAt,
                StatutoryDueProvisional = ProvisionalDueMessages.Of(due.Statutory?.Provisional),
                PausedSince = due.PausedSince,
                PausedBecause = due.PausedBecause,
                PausedBecauseEn = due.PausedBecauseEn,
                PausedFor = PausedFor(due.PausedFor),
                PausedUntil = due.PausedUntil,
                CalendarVersion = calendarVersion,
                Card = due.Card is { } card ? DeadlineWarnings.NameOf(card) : null,
                CardLimit = due.CardLimit,
                ChangedAt = now,
            },
            Queues.Department(due.Department),
            now),
        AnnounceWarning warning => MessageJson.ToOutbox(
            new StepWarningRaised
            {
                ApplicationId = applicationId,
                StepId = warning.StepId,
                Attempt = warning.Attempt,
                Department = warning.Department,
                Level = DeadlineWarnings.NameOf(warning.Level),
                Limit = warning.Limit,
                DueAt = warning.DueAt,
                DueProvisional = ProvisionalDueMessages.Of(warning.Provisional),
                RaisedAt = now,
                Scope = warning.Scope,
                ScopeTitle = warning.ScopeTitle,
                ScopeTitleEn = warning.ScopeTitleEn,
                TrackingNumber = warning.TrackingNumber,
            },
            Queues.Department(warning.Department),
            now),
        AnnounceEscalation escalation => MessageJson.ToOutbox(
            new StepEscalated
            {
                ApplicationId = applicationId,
                StepId = escalation.StepId,
                Attempt = escalation.Attempt,
                Department = escalation.Department,
                Clock = escalation.Clock,
                Rule = escalation.Rule + 1,
                Card = escalation.Card,
                Priority = escalation.Priority,
                Supervise = escalation.Supervise,
                Reason = escalation.Reason,
                ReasonEn = escalation.ReasonEn,
                DueAt = escalation.DueAt,
                DueProvisional = ProvisionalDueMessages.Of(escalation.Provisional),
                EscalatedAt = now,
            },
            Queues.Department(escalation.Department),
            now),
        AnnounceSupplementRefused refused => MessageJson.ToOutbox(
            new StepSupplementRefused
            {
                ApplicationId = applicationId,
                StepId = refused.StepId,
                Attempt = refused.Attempt,
                Department = refused.Department,
                RequestId = refused.RequestId,
                RequestedAt = refused.RequestedAt,
                Reason = refused.Reason,
                RefusedAt = now,
            },
            Queues.Department(refused.Department),
            now),
        AnnounceCommitmentRefused refused => MessageJson.ToOutbox(
            new StepCommitmentRefused
            {
                ApplicationId = applicationId,
                StepId = refused.StepId,
                Attempt = refused.Attempt,
                Department = refused.Department,
                Reason = refused.Reason,
                ReasonEn = refused.ReasonEn,
                RefusedAt = now,
            },
            Queues.Department(refused.Department),
            now),
        _ => throw new ArgumentException($"{command.GetType().Name} is not a message to a department.", nameof(command)),
    };

    /// <summary>Why a step's clock stands still, as <see cref="StepDueChanged.PausedFor"/> names it.</summary>
    private static string? PausedFor(PauseReason? reason) => reason switch
    {
        PauseReason.SupplementRequested => "supplement",
        PauseReason.ExcludedPeriod => "excluded",
        PauseReason.MaterialOverdue => "material-overdue",
        _ => null,
    };
}
