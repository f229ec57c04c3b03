using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Core.Activities;

/// <summary>
/// The verification (事后核查) of steps approved on commitment (告知承诺制). It outlives the step and may outlive the
/// application: the timer <c>&lt;step&gt;:verify</c> sends the department a verification task (the step again, as a new
/// attempt marked as a verification), and the department's decision on it passes the commitment or revokes the
/// approval, with the definition's consequence.
/// </summary>
internal static class CommitmentWatch
{
    public static string TimerIdOf(string nodeId) => nodeId + CommitmentState.TimerSuffix;

    public static bool IsVerifyTimer(TimerFiredEvent fired) => fired.TimerId == TimerIdOf(fired.NodeId);

    public static CommitmentRules? RulesOf(StepNode node) => (node.Settings as ICommitmentSettings)?.Commitment;

    /// <summary>
    /// The verification task's limits: the commitment's <c>verificationLimit</c>, else the step's own
    /// (<see cref="ApplicationClocks.VerificationLimitsOf"/>).
    /// </summary>
    private static (WorkingTimeLimit? Promised, WorkingTimeLimit? Statutory) LimitsOf(ExecutionScope scope, StepNode node) =>
        scope.Registry.TryGet(node.ActivityKey, out var activity) && activity.Descriptor.Tracked ? ApplicationClocks.VerificationLimitsOf(node, activity) : (null, null);

    /// <summary>The limit the verification task's due time counts against: its promised limit, else its statutory one.</summary>
    private static WorkingTimeLimit? LimitOf(ExecutionScope scope, StepNode node) => LimitsOf(scope, node) is var (promised, statutory) ? promised ?? statutory : null;

    /// <summary>
    /// The verification came due: the department gets its task, with the commitment's verification limit (else the
    /// step's own) to finish it, and its clock starts.
    /// </summary>
    public static void Fired(ExecutionScope scope, string nodeId)
    {
        if (scope.State.Status is not (WorkflowStatus.Running or WorkflowStatus.Completed))
        {
            // A timer that fired as the application ended unapproved, before its cancellation reached the timer store.
            if (scope.Peek(nodeId)?.Commitment is { Status: CommitmentStatus.AwaitingVerification } && scope.Definition.Nodes.TryGetValue(nodeId, out var ended))
            {
                Drop(scope, ended, scope.StateOf(ended), scope.State.Reason ?? "", scope.State.ReasonEn);
            }

            return;
        }

        if (!scope.Definition.Nodes.TryGetValue(nodeId, out var node)
            || scope.Peek(nodeId) is not { Commitment: { Status: CommitmentStatus.AwaitingVerification } commitment, Department: { } department } state
            || RulesOf(node) is not { } rules
            || LimitOf(scope, node) is not { } limit)
        {
            return;
        }

        state.Attempt++;
        var due = scope.Calendar.Add(scope.Now, limit);
        state.Commitment = commitment with
        {
            Status = CommitmentStatus.Verifying,
            VerificationAttempt = state.Attempt,
            VerificationDispatchedAt = scope.Now,
            VerificationDueAt = due,
            VerificationStatutoryDueAt = StatutoryOf(scope, node, scope.Now)?.DueAt,
            VerificationSentAt = scope.Now,
            VerificationClock = [ClockEvent.Started(scope.Now)],
        };
        scope.Touch(node);
        Send(scope, node, state, department, rules, limit, scope.Now, due);
        scope.Emit(NotifyApplicant.Of("commitment-verifying",
            $"{node.DisplayTitle}：部门开始对您签署的告知承诺进行事后核查，请配合核查；核查结果将另行告知。",
            $"{node.DisplayTitleEn}: the department has begun checking the commitment you signed; please help it check. You will be told the result."));
        scope.Audit("CommitmentVerificationDispatched", node.Id, null, new Dictionary<string, string?>
        {
            ["department"] = department,
            ["attempt"] = state.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["dueAt"] = due.ToString("O"),
        });
    }

    /// <summary>
    /// The application ends other than approved — withdrawn, cancelled, refused, or a completed bundle overturned by a
    /// failed verification: a verification still to come is not made (its timer is cancelled) and one at its department
    /// is recalled with the application's reason, since an approval whose bundle did not end approved has nothing left
    /// standing to check (its certificates are void); the trail says why. Only a bundle that completed approved keeps
    /// its verifications: what it issued stands on the commitments.
    /// </summary>
    public static void Drop(ExecutionScope scope, string reason, string? reasonEn)
    {
        foreach (var (id, state) in scope.State.Nodes.ToArray())
        {
            if (state.Commitment is { Status: CommitmentStatus.AwaitingVerification or CommitmentStatus.Verifying }
                && scope.Definition.Nodes.TryGetValue(id, out var node))
            {
                Drop(scope, node, state, reason, reasonEn);
            }
        }
    }

    private static void Drop(ExecutionScope scope, StepNode node, NodeState state, string reason, string? reasonEn)
    {
        var commitment = state.Commitment!;
        if (commitment.Status == CommitmentStatus.AwaitingVerification)
        {
            scope.Emit(new CancelTimer(TimerIdOf(node.Id)));
        }
        else if (commitment.VerificationAttempt is { } attempt && state.Department is { } department)
        {
            scope.Emit(new RecallStep(node.Id, attempt, department, reason) { ReasonEn = reasonEn });
        }

        // A task out stops its clock: nothing is late that nobody is to do.
        state.Commitment = (commitment.Status == CommitmentStatus.Verifying ? commitment.WithVerificationClock(ClockEvent.Stopped(scope.Now)) : commitment)
            with { Status = CommitmentStatus.Dropped };
        scope.Touch(node);
        scope.Audit(AuditTypes.CommitmentVerificationDropped, node.Id, null, new Dictionary<string, string?>
        {
            ["reason"] = reason,
            ["was"] = commitment.Status == CommitmentStatus.Verifying ? "verifying" : "awaiting-verification",
        });
    }

    /// <summary>The verification task, as first sent or sent again: the same attempt, dispatch instant and due time each time.</summary>
    private static void Send(
        ExecutionScope scope, StepNode node, NodeState state, string department, CommitmentRules rules, WorkingTimeLimit limit, DateTimeOffset dispatchedAt,
        DateTimeOffset due)
    {
        var commitment = state.Commitment!;
        scope.Emit(new DispatchStep(
            node.Id,
            state.Attempt,
            department,
            new LocalizedText($"事后核查：{node.DisplayTitle}", $"Verification: {node.DisplayTitleEn}"),
            null,
            limit,
            dispatchedAt,
            due,
            scope.Definition.MaterialsFor(node.Id).Select(m => m.Key).ToArray())
        {
            Verification = new CommitmentCheck(rules.Text, commitment.SignedBy, commitment.SignedAt),
            Provisional = ProvisionalDue.Of(scope.Calendar, dispatchedAt, due),
            Statutory = StatutoryOf(scope, node, dispatchedAt),
        });
    }

    /// <summary>
    /// The verification task's statutory limit (法定时限) and due time: the step's own, counted from the task's dispatch as
    /// its promised limit is; null where the definition gives the step none.
    /// </summary>
    private static StatutoryDue? StatutoryOf(ExecutionScope scope, StepNode node, DateTimeOffset dispatchedAt)
    {
        if (LimitsOf(scope, node) is not (_, { } statutory))
        {
            return null;
        }

        var due = scope.Calendar.Add(dispatchedAt, statutory);
        return new StatutoryDue(statutory, due, ProvisionalDue.Of(scope.Calendar, dispatchedAt, due));
    }

    /// <summary>
    /// The stuck-work check found the verification task unacknowledged, or held with nothing heard for too long: it is
    /// sent again as it was, which the department host de-duplicates and answers with where the task stands.
    /// </summary>
    private static void Resend(ExecutionScope scope, StepNode node, NodeState state, StepResendEvent resend)
    {
        var commitment = state.Commitment!;
        if (RulesOf(node) is not { } rules || LimitOf(scope, node) is not { } limit || state.Department is not { } department
            || commitment.VerificationDueAt is not { } due)
        {
            return;
        }

        state.Commitment = commitment with { VerificationSentAt = scope.Now, VerificationResends = commitment.VerificationResends + 1 };
        scope.Touch(node);
        Send(scope, node, state, department, rules, limit, commitment.VerificationDispatchedAt ?? scope.Now, due);
        if (resend.Reason == ResendReasons.Unacknowledged)
        {
            scope.Audit("StepResent", node.Id, null, new Dictionary<string, string?>
            {
                ["reason"] = resend.Reason,
                ["resends"] = state.Commitment.VerificationResends.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["verification"] = "true",
            });
        }
    }

    /// <summary>
    /// The calendar changed: a verification still to come is due its working days after the signing on the new
    /// calendar, as the due times of running steps are counted again. Also after the bundle finished, since the
    /// verification outlives it; the timer follows, and the applicant, told the old date, is told the new one. A
    /// verification task already at its department is due its limit after its dispatch on the new calendar, and the
    /// department is told.
    /// </summary>
    public static void Recount(ExecutionScope scope, CalendarChangedEvent change)
    {
        foreach (var (id, state) in scope.State.Nodes.ToArray())
        {
            if (!scope.Definition.Nodes.TryGetValue(id, out var node))
            {
                continue;
            }

            if (state.Commitment is { Status: CommitmentStatus.Verifying })
            {
                RecountTask(scope, node, state, change);
                continue;
            }

            if (state.Commitment is not { Status: CommitmentStatus.AwaitingVerification } commitment
                || RulesOf(node)?.VerifyWithin is not { } within)
            {
                continue;
            }

            var verifyAt = scope.Calendar.Add(commitment.SignedAt, within);
            if (verifyAt == commitment.VerifyAt)
            {
                continue;
            }

            state.Commitment = commitment with { VerifyAt = verifyAt };
            scope.Touch(node);
            scope.Emit(new ScheduleTimer(TimerIdOf(id), id, verifyAt));
            scope.Emit(NotifyApplicant.Of("commitment-verification-recounted",
                $"因{change.Note}，{node.DisplayTitle}的事后核查时间由 {ChinaTime.Format(commitment.VerifyAt)} 改为 {ChinaTime.Format(verifyAt)}。",
                $"Because of {change.Note}, the check of your commitment for {node.DisplayTitleEn} moved from {ChinaTime.Format(commitment.VerifyAt)} to {ChinaTime.Format(verifyAt)}."));
            scope.Audit(AuditTypes.VerificationRecounted, id, change.Actor, new Dictionary<string, string?>
            {
                ["calendar"] = change.CalendarId,
                ["before"] = commitment.VerifyAt.ToString("O"),
                ["after"] = verifyAt.ToString("O"),
                ["note"] = change.Note,
            });
        }
    }

    /// <summary>
    /// The verification task at its department, counted again from its dispatch: a promised or statutory due time that
    /// moved is announced to the department and audited (and so listed among the due times the year moved); one counted
    /// through the year just loaded and unmoved is announced again only to say it is no longer provisional.
    /// </summary>
    private static void RecountTask(ExecutionScope scope, StepNode node, NodeState state, CalendarChangedEvent change)
    {
        var commitment = state.Commitment!;
        if (commitment is not { VerificationDispatchedAt: { } dispatchedAt, VerificationDueAt: { } before, VerificationAttempt: { } attempt }
            || state.Department is not { } department
            || LimitOf(scope, node) is not { } limit)
        {
            return;
        }

        var due = scope.Calendar.Add(dispatchedAt, limit);
        var statutory = StatutoryOf(scope, node, dispatchedAt);
        var statutoryBefore = commitment.VerificationStatutoryDueAt;
        // A state written before the statutory due time was kept cannot tell whether it moved: counted through, it is told again.
        var moved = due != before || (statutoryBefore is not null && statutoryBefore != statutory?.DueAt);
        var last = statutory?.DueAt is { } statutoryDue && statutoryDue > before ? statutoryDue : before;
        var countedThrough = change.Year is { } year && scope.Calendar.DateOf(dispatchedAt).Year <= year && year <= scope.Calendar.DateOf(last).Year;
        if (!moved && !countedThrough)
        {
            return;
        }

        var revision = commitment.VerificationDueRevision + 1;
        state.Commitment = (moved ? commitment.WithVerificationClock(ClockEvent.Recounted(scope.Now, change.Note, change.Actor)) : commitment)
            with { VerificationDueAt = due, VerificationStatutoryDueAt = statutory?.DueAt, VerificationDueRevision = revision };
        scope.Touch(node);
        scope.Emit(new AnnounceDue(node.Id, attempt, department, revision, due, null, null)
        {
            Provisional = ProvisionalDue.Of(scope.Calendar, dispatchedAt, due),
            Statutory = statutory,
        });
        if (!moved)
        {
            return;
        }

        scope.Audit(AuditTypes.VerificationRecounted, node.Id, change.Actor, new Dictionary<string, string?>
        {
            ["calendar"] = change.CalendarId,
            ["before"] = before.ToString("O"),
            ["after"] = due.ToString("O"),
            ["statutoryBefore"] = statutoryBefore?.ToString("O"),
            ["statutoryAfter"] = statutory?.DueAt?.ToString("O"),
            ["note"] = change.Note,
            ["task"] = "true",
        });
    }

    /// <summary>The node whose verification task a department report is about, or null when the report is not about one.</summary>
    public static StepNode? VerificationOf(ExecutionScope scope, StepReportEvent report) =>
        scope.Peek(report.StepId) is { Commitment: { Status: CommitmentStatus.Verifying } commitment } state
        && commitment.VerificationAttempt == report.Attempt
        && (report.Department is null || report.Department == state.Department)
        && scope.Definition.Nodes.TryGetValue(report.StepId, out var node)
            ? node
            : null;

    /// <summary>
    /// A report about a verification task: only its decision matters (核查通过, or 不通过 with the reason); the
    /// acknowledgement and claims of the task change nothing in the flow.
    /// </summary>
    public static void OnReport(ExecutionScope scope, StepNode node, StepReportEvent report)
    {
        var state = scope.StateOf(node);
        if (report is StepResendEvent resend)
        {
            Resend(scope, node, state, resend);
            return;
        }

        // Heard from the department: the task reached it, and the stuck-work check waits its probe interval again.
        var heard = state.Commitment! with { VerificationHeardAt = scope.Now };
        if (heard.VerificationReceivedAt is null && report is StepReceivedEvent or StepClaimedEvent)
        {
            heard = heard with { VerificationReceivedAt = (report as StepReceivedEvent)?.ReceivedAt ?? scope.Now };
            scope.Audit("StepReceived", node.Id, null, new Dictionary<string, string?> { ["verification"] = "true" });
        }

        state.Commitment = heard;
        scope.Touch(node);
        if (report is not StepCompletedEvent done)
        {
            return;
        }

        var commitment = state.Commitment!;
        if (done.Outcome == StepOutcome.Approved)
        {
            state.Commitment = commitment.WithVerificationClock(ClockEvent.Stopped(done.CompletedAt))
                with { Status = CommitmentStatus.Passed, VerifiedBy = done.CompletedBy, VerifiedAt = done.CompletedAt };
            scope.Audit("CommitmentVerified", node.Id, done.CompletedBy, null);
            scope.Emit(NotifyApplicant.Of("commitment-verified", $"{node.DisplayTitle}：您签署的告知承诺经事后核查，符合承诺。",
                $"{node.DisplayTitleEn}: the check found that you kept the commitment you signed."));
            return;
        }

        Revoke(scope, node, state, done.Reason ?? "", done.CompletedBy, done.CompletedAt);
    }

    /// <summary>
    /// The commitment was not kept: the approval is revoked (the step now counts as refused), the applicant is told
    /// why, and the definition's consequence follows — for a bundle already finished, its outcome changes with it.
    /// </summary>
    private static void Revoke(ExecutionScope scope, StepNode node, NodeState state, string why, string? by, DateTimeOffset at)
    {
        var rules = RulesOf(node) ?? new CommitmentRules();
        var reason = $"经事后核查，申请人未履行告知承诺，撤销{node.DisplayTitle}的审批：{why}";
        state.Commitment = state.Commitment!.WithVerificationClock(ClockEvent.Stopped(at))
            with { Status = CommitmentStatus.Failed, VerifiedBy = by, VerifiedAt = at, Reason = why };
        var reasonEn = $"The check found that the commitment was not kept, so the approval of {node.DisplayTitleEn} is revoked: {OwnWords.Department(why)}";
        state.Outcome = StepOutcome.Rejected;
        state.Reason = reason;
        state.ReasonEn = reasonEn;
        scope.Audit("CommitmentRevoked", node.Id, by, new Dictionary<string, string?>
        {
            ["reason"] = why,
            ["onFailure"] = rules.OnFailure == CommitmentFailure.EndApplication ? "end-application" : "revoke-step",
        });
        scope.Emit(rules.OnFailure == CommitmentFailure.EndApplication
            ? NotifyApplicant.Of("commitment-revoked", $"{reason}。按本事项的规定，您的申请（{scope.Application.TrackingNumber}）终止办理。",
                $"{reasonEn}. As this service provides, your application ({scope.Application.TrackingNumber}) ends.")
            : NotifyApplicant.Of("commitment-revoked", $"{reason}。", $"{reasonEn}."));
        var workflow = scope.State;
        if (rules.OnFailure == CommitmentFailure.EndApplication)
        {
            if (workflow.Status == WorkflowStatus.Running)
            {
                scope.CancelWorkflow(reason, ActivityContext.SystemActor, reasonEn);
            }
            else if (workflow.Status == WorkflowStatus.Completed)
            {
                EndAfterCompletion(scope, WorkflowStatus.Cancelled, reason, reasonEn, AuditTypes.ApplicationCancelled);
            }

            return;
        }

        // Still running: the flow goes on, and its end counts the revoked step and voids what it issued (ExecutionScope.FinishWorkflow).
        if (workflow.Status == WorkflowStatus.Completed)
        {
            EndAfterCompletion(scope, WorkflowStatus.Rejected, reason, reasonEn, AuditTypes.ApplicationRejected);
        }
    }

    /// <summary>A completed bundle whose approval was revoked: its outcome changes, its completion time stays, and its certificates are void.</summary>
    private static void EndAfterCompletion(ExecutionScope scope, WorkflowStatus status, string reason, string reasonEn, string auditType)
    {
        scope.State.Status = status;
        scope.State.Reason = reason;
        scope.State.ReasonEn = reasonEn;
        Drop(scope, reason, reasonEn);
        scope.Emit(new CompleteApplication(status, reason) { ReasonEn = reasonEn });
        scope.Audit(auditType, null, ActivityContext.SystemActor, new Dictionary<string, string?> { ["reason"] = reason });
        scope.VoidCertificates(reason, reasonEn);
    }

    /// <summary>The step of the first approval revoked so far, whose reason a flow that finishes with it gives.</summary>
    public static NodeState? FirstRevoked(ExecutionScope scope) =>
        scope.State.Nodes.Values.FirstOrDefault(n => n.Commitment is { Status: CommitmentStatus.Failed });
}
