using FluentValidation;
using WorkflowEngine.Core.Activities;
using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Core.Compliance;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Activities;

/// <summary>
/// A department's approval: dispatched to <c>dept.&lt;code&gt;</c> with a due time in working time, then waits (a bookmark)
/// for the department's claim and decision. Automated when the department host has a handler for <c>handler</c>.
/// </summary>
[Activity("department-task", Description = "部门办理事项：派发到部门队列，限时办结，自动或人工办理", DescriptionEn = "Department task: sent to the department's queue, decided within its limit, automatically or by a clerk", Tracked = true, RequiresId = true)]
public sealed class DepartmentTask : Activity<DepartmentTask.Settings>
{
    protected override IValidator<Settings> Validator { get; } = new SettingsValidator();

    protected override WorkingTimeLimit? LimitOf(Settings settings) => settings.Limit;

    protected override string? DepartmentOf(Settings settings) => settings.Department;

    public override void Execute(ActivityContext context)
    {
        var settings = SettingsOf(context);
        Dispatch(context, settings.Department, LimitOf(context.Node)!, settings.Handler, settings.MaxExtension);
    }

    public override void OnSignal(ActivityContext context, WorkflowEvent signal)
    {
        var settings = SettingsOf(context);
        if (signal is CommitmentSignedEvent signed)
        {
            ApproveOnCommitment(context, signed, settings.Commitment);
            return;
        }

        OnReport(context, signal, LimitOf(context.Node)!, settings.Handler, settings.MaxExtension);
    }

    /// <summary>
    /// 告知承诺制: the applicant signed the definition's commitment, so the step is approved at once — the department
    /// drops the task it holds (signed online), or has decided it already (signed on paper at its window, before the
    /// clerk who approved it) — and gets the verification task (事后核查) when the definition says. Refused (audited)
    /// where the step offers no commitment or the words signed are not its text; a department that reported a paper
    /// signature is told why, and keeps the task.
    /// </summary>
    private static void ApproveOnCommitment(ActivityContext context, CommitmentSignedEvent signed, CommitmentRules? rules)
    {
        var atWindow = signed.Channel == CommitmentState.WindowChannel;
        // On paper before someone who recorded it: a clerk of the department, or the window staff for a walk-in citizen.
        var witnessed = atWindow || signed.Channel == CommitmentState.IntakeWindowChannel;
        var actor = witnessed ? signed.WitnessedBy ?? signed.SignedBy : signed.SignedBy;
        var refusal = rules is null ? "本事项不适用告知承诺制"
            : rules.VerifyWithin is null ? "本事项未规定事后核查的期限"
            : signed.TextSha256 != rules.TextSha256 ? "签署的承诺书与本事项的承诺书不一致"
            : null;
        if (refusal is not null)
        {
            var refusalEn = rules is null ? "This step may not be approved on commitment"
                : rules.VerifyWithin is null ? "This step sets no time for checking the commitment"
                : "The commitment signed is not this step's commitment";
            context.Audit("CommitmentIgnored", new Dictionary<string, string?>
            {
                ["reason"] = refusal,
                ["textSha256"] = signed.TextSha256,
                ["channel"] = signed.Channel,
                ["signedBy"] = witnessed ? signed.SignedBy : null,
            }, actor);
            if (atWindow && context.State.Department is { } department)
            {
                context.Emit(new AnnounceCommitmentRefused(context.Node.Id, context.State.Attempt, department, refusal) { ReasonEn = refusalEn });
            }

            return;
        }

        var state = context.State;
        var verifyAt = context.Calendar.Add(signed.SignedAt, rules!.VerifyWithin!);
        state.Commitment = new CommitmentState(signed.TextSha256, signed.SignedBy, signed.SignedAt, verifyAt)
        {
            Channel = signed.Channel,
            WitnessedBy = witnessed ? signed.WitnessedBy : null,
            SignerId = witnessed ? signed.SignerId : null,
        };
        // A supplement request the commitment answers goes with the task.
        state.Supplement = null;
        if (atWindow)
        {
            // The clerk decided the department's task on the paper: it holds nothing to drop.
            state.CompletedBy = signed.WitnessedBy;
        }
        else
        {
            Recall(context, "申请人已签署告知承诺书，本事项按告知承诺制审批", "The applicant signed the commitment: the step is approved on it");
        }

        context.ScheduleVerification(verifyAt);
        var detail = new Dictionary<string, string?>
        {
            ["textSha256"] = signed.TextSha256,
            ["signedAt"] = signed.SignedAt.ToString("O"),
            ["verifyAt"] = verifyAt.ToString("O"),
            ["channel"] = signed.Channel,
            ["signedBy"] = signed.SignedBy,
            ["signerId"] = witnessed ? signed.SignerId : null,
            ["witnessedBy"] = witnessed ? signed.WitnessedBy : null,
        };
        if (signed.OnBehalfOf is not null)
        {
            detail["onBehalfOf"] = signed.OnBehalfOf;
        }

        context.Audit("CommitmentSigned", detail, actor);
        var consequence = rules.OnFailure == CommitmentFailure.EndApplication ? "撤销审批并终止整个申请" : "撤销本事项的审批";
        var where = witnessed ? "（申请人已在窗口签署告知承诺书）" : "";
        var consequenceEn = rules.OnFailure == CommitmentFailure.EndApplication ? "the approval is revoked and the whole application ends" : "the approval of this step is revoked";
        var whereEn = witnessed ? " (the applicant signed the commitment at the window)" : "";
        context.Emit(NotifyApplicant.Of("commitment-approved",
            $"{context.Node.DisplayTitle}已按告知承诺制审批通过{where}。请按承诺书履行承诺；部门将于 {ChinaTime.Format(verifyAt)} 起进行事后核查，核查发现未履行承诺的，{consequence}。",
            $"{context.Node.DisplayTitleEn} is approved on your commitment (告知承诺){whereEn}. Please keep what you committed to; the department checks it from {ChinaTime.Format(verifyAt)}, and if the commitment is found not kept, {consequenceEn}."));
        state.CompletedAt = signed.SignedAt;
        context.Complete(StepOutcome.Approved, null, new Dictionary<string, string?> { ["onCommitment"] = "true" });
    }

    public override void OnCancel(ActivityContext context, string reason) => Recall(context, reason, context.State.ReasonEn);

    /// <summary>
    /// Sends the node to a department's queue; used by every activity a department carries out. <paramref name="maxExtension"/>
    /// is how far the limit may be extended in all (<see cref="ExtensionLimits.Default"/> when null).
    /// </summary>
    internal static void Dispatch(ActivityContext context, string department, WorkingTimeLimit limit, string? handler, WorkingTimeLimit? maxExtension = null)
    {
        var state = context.State;
        state.Attempt++;
        state.Department = department;
        var due = context.StartClock(limit);
        state.ReceivedAt = null;
        state.Resends = 0;
        // A material it uses came due unsupplied (容缺) before its turn: it starts standing still.
        var held = HoldForOverdueMaterials(context, limit);
        Send(context, limit, handler, maxExtension);
        if (held)
        {
            AnnounceDueTime(context, limit);
        }

        context.Audit("StepDispatched", new Dictionary<string, string?>
        {
            ["department"] = department,
            ["attempt"] = state.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["dueAt"] = due.ToString("O"),
            ["handler"] = handler,
        });
    }

    /// <summary>Puts the current attempt on the department's queue: its first dispatch, or again when nothing came back.</summary>
    private static void Send(ActivityContext context, WorkingTimeLimit limit, string? handler, WorkingTimeLimit? maxExtension)
    {
        var state = context.State;
        state.LastSentAt = context.Now;
        var materials = context.Definition.MaterialsFor(context.Node.Id).Select(m => m.Key).ToArray();
        context.Emit(new DispatchStep(
            context.Node.Id,
            state.Attempt,
            state.Department!,
            context.Node.Title ?? new LocalizedText(context.Node.Id),
            handler,
            limit,
            DispatchedAt(context),
            DueOrIfResumedNow(context, limit),
            materials,
            maxExtension ?? ExtensionLimits.Default)
        {
            Provisional = ProvisionalDue.Of(context.Calendar, DispatchedAt(context), DueOrIfResumedNow(context, limit)),
            Statutory = StatutoryOf(context, DispatchedAt(context), context.Now),
        });
    }

    /// <summary>
    /// The step's statutory limit (法定时限) and its due time on the step's own clock, counted as the clerk's cards count
    /// it (a paused clock's as if it ran again at <paramref name="resumeAt"/>, none when that is null); null where the
    /// definition gives the step none.
    /// </summary>
    private static StatutoryDue? StatutoryOf(ActivityContext context, DateTimeOffset countsFrom, DateTimeOffset? resumeAt)
    {
        if (context.Node.StatutoryLimit is not { } statutory)
        {
            return null;
        }

        var due = ClockArithmetic.DueAt(ClockTimeline.Of(context.State.Clock), statutory, context.Calendar, resumeAt);
        return new StatutoryDue(statutory, due, ProvisionalDue.Of(context.Calendar, countsFrom, due));
    }

    /// <summary>When the department received the step as the engine counts it: its first dispatch, whatever was sent again.</summary>
    private static DateTimeOffset DispatchedAt(ActivityContext context) => context.State.StartedAt ?? context.Now;

    /// <summary>Whether <paramref name="dueAt"/>, counted on the step's clock, is provisional (暂定).</summary>
    private static ProvisionalDue? ProvisionalDueOf(ActivityContext context, DateTimeOffset? dueAt) =>
        ProvisionalDue.Of(context.Calendar, ClockTimeline.Of(context.State.Clock).StartedAt ?? DispatchedAt(context), dueAt);

    /// <summary>
    /// The step's due time; while its clock stands still (an excluded period), the one it would have if it ran again
    /// now, which is the soonest it can be: a step is sent again while paused when the engine probes a silent department.
    /// </summary>
    private static DateTimeOffset DueOrIfResumedNow(ActivityContext context, WorkingTimeLimit limit) =>
        context.State.DueAt
        ?? ClockArithmetic.DueAt(ClockTimeline.Of(context.State.Clock), limit, context.Calendar, context.Now)
        ?? throw new InvalidOperationException($"The clock of '{context.Node.Id}' has not started.");

    /// <summary>
    /// Tells the department holding the step its due time moved, or that its clock stands still and since when, and the
    /// card the clock shows now against <paramref name="limit"/> and the statutory limit: an extension that moved the due
    /// time takes back a yellow or red the step no longer deserves.
    /// </summary>
    private static void AnnounceDueTime(ActivityContext context, WorkingTimeLimit limit)
    {
        var state = context.State;
        var timeline = ClockTimeline.Of(state.Clock);
        var pause = timeline.CurrentPause;
        var card = CardNow(context, timeline, limit);
        context.Emit(new AnnounceDue(
            context.Node.Id,
            state.Attempt,
            state.Department!,
            state.Clock!.Count,
            state.DueAt,
            pause is null ? null : timeline.Periods[^1].From,
            pause?.Text)
        {
            Provisional = ProvisionalDue.Of(context.Calendar, timeline.StartedAt ?? DispatchedAt(context), state.DueAt),
            Statutory = StatutoryOf(context, timeline.StartedAt ?? DispatchedAt(context), null),
            Card = card.Level,
            CardLimit = card.Level == WarningLevel.None ? null : card.Limit,
            PausedFor = pause?.Reason,
            PausedUntil = pause?.Until,
            PausedBecauseEn = pause?.TextEn,
        });
    }

    /// <summary>
    /// The worse of the step's cards against its limit and its statutory limit as its clock reads now, as <see cref="ClockCards"/>
    /// reads them, and which limit it is against (<see cref="WarningLimits"/>; the promised one when both read the same).
    /// </summary>
    private static (WarningLevel Level, string Limit) CardNow(ActivityContext context, ClockTimeline timeline, WorkingTimeLimit limit)
    {
        var share = DeadlineWarnings.YellowShareOf(context.Definition, context.Node);
        var card = DeadlineWarnings.Of(ClockArithmetic.Explain(timeline, limit, context.Calendar, context.Now), share);
        if (context.Node.StatutoryLimit is { } statutory
            && DeadlineWarnings.Of(ClockArithmetic.Explain(timeline, statutory, context.Calendar, context.Now), share) is var statutoryCard
            && statutoryCard > card)
        {
            return (statutoryCard, WarningLimits.Statutory);
        }

        return (card, WarningLimits.Promised);
    }

    /// <summary>
    /// Applies a department's acknowledgement, claim or decision to the node, or sends it again when the engine heard
    /// nothing for too long (the interpreter has already dropped reports of another attempt or department); true when
    /// the node completed.
    /// </summary>
    internal static bool OnReport(
        ActivityContext context, WorkflowEvent signal, WorkingTimeLimit limit, string? handler, WorkingTimeLimit? maxExtension = null)
    {
        var state = context.State;
        if (signal is StepReportEvent and not StepResendEvent)
        {
            state.LastHeardAt = context.Now;
            context.Touch();
        }

        switch (signal)
        {
            case StepResendEvent resend:
                state.Resends++;
                Send(context, limit, handler, maxExtension);
                context.Touch();
                if (resend.Reason == ResendReasons.Unacknowledged)
                {
                    // A delivery problem worth the trail; a periodic check on a step the department holds is not.
                    context.Audit("StepResent", new Dictionary<string, string?>
                    {
                        ["reason"] = resend.Reason,
                        ["resends"] = state.Resends.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    });
                }

                return false;
            case StepReceivedEvent received:
                if (state.ReceivedAt is null)
                {
                    state.ReceivedAt = received.ReceivedAt;
                    context.Audit("StepReceived");
                }

                return false;
            case StepClaimedEvent claimed:
                state.ReceivedAt ??= claimed.ClaimedAt;
                if (state.ClaimedBy == claimed.ClaimedBy && state.ClaimedAt == claimed.ClaimedAt)
                {
                    // The same claim reported again (an answer to a resend).
                    return false;
                }

                if (state.ReleasedClaimAt is { } releasedUpTo && claimed.ClaimedAt <= releasedUpTo)
                {
                    // A claim whose release overtook it: it was given back already.
                    return false;
                }

                state.ClaimedBy = claimed.ClaimedBy;
                state.ClaimedAt = claimed.ClaimedAt;
                context.Touch();
                if (claimed.AssignedBy is { } supervisor)
                {
                    // A supervisor gave the step to this clerk: the trail names both.
                    context.Audit("StepReassigned", new Dictionary<string, string?> { ["claimedBy"] = claimed.ClaimedBy }, actor: supervisor);
                }
                else
                {
                    context.Audit("StepClaimed", actor: claimed.ClaimedBy);
                }
                return false;
            case StepReleasedEvent released:
                if (state.ReleasedClaimAt is { } known && released.ClaimedAt <= known)
                {
                    // Reported again.
                    return false;
                }

                state.ReleasedClaimAt = released.ClaimedAt;
                var holder = state.ClaimedAt is { } claimedAt && claimedAt <= released.ClaimedAt ? state.ClaimedBy : null;
                if (holder is not null)
                {
                    state.ClaimedBy = null;
                    state.ClaimedAt = null;
                }

                context.Touch();
                context.Audit("StepReleased", new Dictionary<string, string?> { ["claimedBy"] = holder }, actor: released.ReleasedBy);
                return false;
            case StepExclusionStartedEvent excluded:
                Exclude(context, excluded, limit);
                return false;
            case StepExclusionEndedEvent ended:
                EndExclusion(context, ended.EndedAt, limit, ended.EndedBy);
                return false;
            case StepExclusionEndChangedEvent changed:
                ChangeExclusionEnd(context, changed, limit);
                return false;
            case StepExtendedEvent extended:
                Extend(context, extended, limit, maxExtension ?? ExtensionLimits.Default);
                return false;
            case StepSupplementRequestedEvent requested:
                RequestSupplement(context, requested, limit);
                return false;
            case StepSupplementedEvent supplied:
                Supplied(context, supplied, limit);
                return false;
            case SupplementFieldsCorrectedEvent corrected when state.Supplement is { } open && open.RequestId == corrected.RequestId:
                // Remembered until the materials come too: the request is answered only once every item is.
                state.Supplement = open with { Corrected = [.. (open.Corrected ?? []).Union(corrected.Fields, StringComparer.Ordinal)] };
                context.Touch();
                return false;
            case DeferredMaterialOverdueEvent:
                if (HoldForOverdueMaterials(context, limit))
                {
                    AnnounceDueTime(context, limit);
                }

                return false;
            case CalendarChangedEvent:
                // The scope counted the clock again on the new calendar: the department keeps the newest due time.
                AnnounceDueTime(context, limit);
                return false;
            case DeferredMaterialSuppliedEvent arrived:
                // The department's task was sent without the file: it gets it before the clock runs again on it.
                context.Emit(new AnnounceMaterial(context.Node.Id, state.Attempt, state.Department!, arrived.Material, arrived.Version));
                ResumeAfterOverdueMaterials(context, arrived, limit);
                return false;
            case TimerFiredEvent fired when fired.TimerId == state.TimerId && state.Supplement is { } asked && fired.TimerId == SupplementReminderTimerId(context, asked):
                RemindOfSupplement(context, asked);
                return false;
            case TimerFiredEvent fired when fired.TimerId == state.TimerId && state.Supplement is { } open && fired.TimerId == SupplementTimerId(context, open):
                state.TimerId = null;
                SupplementExpired(context, open);
                return false;
            case TimerFiredEvent fired when fired.TimerId == state.TimerId:
                // Fired for an earlier excluded period's end (leased before that period ended and this one began): it
                // waits for this period's end. Otherwise the excluded period's end the clerk gave has come.
                var until = ClockTimeline.Of(state.Clock).CurrentPause?.Until;
                if (!context.FiredBeforeItsTime(fired, until))
                {
                    state.TimerId = null;
                    EndExclusion(context, until ?? context.Now, limit, null);
                }

                return false;
            case StepCompletedEvent done:
                state.CompletedAt = done.CompletedAt;
                state.CompletedBy = done.CompletedBy;
                state.ClaimedBy ??= done.CompletedBy;
                state.Outputs = done.Outputs is null ? null : new Dictionary<string, string>(done.Outputs, StringComparer.Ordinal);
                context.Complete(
                    done.Outcome,
                    done.Reason,
                    done.Materials is { Count: > 0 } materials ? new Dictionary<string, string?> { ["materials"] = string.Join(",", materials) } : null,
                    done.Reason is { } typed ? OwnWords.Department(typed) : null);
                // After the decision, so that the engine's view uses the due time its clock stopped on.
                RecordCompliance(context, done);
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Recomputes the decided step's compliance on the engine's calendar and clock events, emits both views for the shell
    /// to keep — for every report, so that an administrator can set the host's figures beside the engine's for any step —
    /// and audits a disagreement (<c>ComplianceMismatch</c>, with its kinds).
    /// </summary>
    private static void RecordCompliance(ActivityContext context, StepCompletedEvent done)
    {
        var state = context.State;
        var timeline = ClockTimeline.Of(state.Clock);
        var dispatchedAt = timeline.StartedAt ?? state.StartedAt ?? context.Now;
        var engine = ComplianceCheck.Recompute(timeline, dispatchedAt, state.ReceivedAt, state.ClaimedAt, done.CompletedAt, state.DueAt, context.Calendar);
        var kinds = ComplianceCheck.Compare(engine, done.Compliance, done.ReportedOnTime, dispatchedAt, done.SentAt, context.Now);
        context.Emit(new RecordCompliance(
            context.Node.Id, state.Attempt, state.Department ?? done.Department ?? "", dispatchedAt, done.SentAt, context.Now, engine, done.Compliance,
            done.ReportedOnTime, kinds));
        if (kinds.Count == 0)
        {
            return;
        }

        var reported = done.Compliance?.OnTime ?? done.ReportedOnTime;
        context.Audit("ComplianceMismatch", new Dictionary<string, string?>
        {
            ["kinds"] = string.Join(",", kinds),
            ["reportedOnTime"] = reported is null ? null : reported.Value ? "true" : "false",
            ["computedOnTime"] = engine.OnTime ? "true" : "false",
            ["reportedDueAt"] = done.Compliance?.DueAt?.ToString("O"),
            ["computedDueAt"] = engine.DueAt?.ToString("O"),
            ["reportedCompletedAt"] = done.CompletedAt.ToString("O"),
            ["reportSentAt"] = done.SentAt?.ToString("O"),
            ["reportArrivedAt"] = context.Now.ToString("O"),
            ["reportedWorkingMinutes"] = done.Compliance?.WorkingMinutesUsed?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["computedWorkingMinutes"] = engine.WorkingMinutesUsed?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["reportedPausedMinutes"] = done.Compliance?.WorkingMinutesPaused?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["computedPausedMinutes"] = engine.WorkingMinutesPaused?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    /// <summary>Stops the step's clock for a period the law does not count; with a known end, a timer starts it again then.</summary>
    private static void Exclude(ActivityContext context, StepExclusionStartedEvent excluded, WorkingTimeLimit limit)
    {
        var state = context.State;
        var startedAt = ReportedClockTime(context, excluded.StartedAt, "startedAt", excluded.StartedBy);
        var pause = ClockEvent.Paused(startedAt, PauseReason.ExcludedPeriod, $"{excluded.KindName}：{excluded.Reason}", excluded.StartedBy,
            $"{excluded.KindNameEn ?? excluded.KindName}: {excluded.Reason}")
            with { Until = excluded.Until };
        if (!context.RecordClock(pause, limit))
        {
            context.Audit("ExclusionIgnored", new Dictionary<string, string?> { ["kind"] = excluded.Kind, ["reason"] = "办理时限已暂停" }, excluded.StartedBy);
            return;
        }

        if (excluded.Until is { } until)
        {
            state.TimerId = $"{context.Node.Id}:exclusion";
            context.Emit(new ScheduleTimer(state.TimerId, context.Node.Id, until));
        }

        AnnounceDueTime(context, limit);
        // 行政许可法 Art. 45: the applicant is told of a period not counted, not only the department.
        context.Emit(ClockNotices.Exclusion(context.Application.TrackingNumber, StepTitle(context), StepTitleEn(context),
            excluded.KindName, excluded.KindNameEn ?? excluded.KindName, excluded.Reason, excluded.Until));
        context.Audit("ClockPaused", new Dictionary<string, string?>
        {
            ["kind"] = excluded.Kind,
            ["reason"] = excluded.Reason,
            ["until"] = excluded.Until?.ToString("O"),
        }, excluded.StartedBy);
    }

    /// <summary>
    /// A time a department reports for a change of the step's clock (a pause began, an excluded period ended), held to
    /// what can be true: not before the department received the step, nor before the clock's last entry, nor after the
    /// report reached the engine. A host whose clock is wrong, or a time typed years off, would otherwise move the due
    /// time (and the applicant's promise) by as much. An adjusted time is audited with the one reported.
    /// </summary>
    private static DateTimeOffset ReportedClockTime(ActivityContext context, DateTimeOffset reported, string field, string? by)
    {
        var state = context.State;
        var earliest = state.ReceivedAt ?? DispatchedAt(context);
        if (state.Clock is { Count: > 0 } clock && clock[^1].At > earliest)
        {
            earliest = clock[^1].At;
        }

        var used = reported > context.Now ? context.Now : reported < earliest ? earliest : reported;
        if (used != reported)
        {
            context.Audit("ReportedTimeAdjusted", new Dictionary<string, string?>
            {
                ["field"] = field,
                ["reported"] = reported.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["used"] = used.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["reason"] = reported > context.Now ? "晚于报文到达引擎的时间" : "早于部门接收该事项或上一次计时变化的时间",
            }, by);
        }

        return used;
    }

    /// <summary>
    /// Sets or moves the end of the excluded period under way: the clock's log says so, the timer that runs the clock
    /// again moves to the new end, the department hears it (<c>StepDueChanged.pausedUntil</c>) and the applicant is told.
    /// Ignored (audited) where no excluded period lasts, or where the new end is not after the period's start.
    /// </summary>
    private static void ChangeExclusionEnd(ActivityContext context, StepExclusionEndChangedEvent changed, WorkingTimeLimit limit)
    {
        var state = context.State;
        var timeline = ClockTimeline.Of(state.Clock);
        string? refusal = timeline.CurrentPause is not { Reason: PauseReason.ExcludedPeriod } ? "没有进行中的不计时期间"
            : changed.Until <= timeline.Periods[^1].From ? "结束时间早于不计时期间的开始"
            : null;
        var before = timeline.CurrentPause?.Until;
        if (refusal is null && !context.RecordClock(ClockEvent.EndChanged(ReportedClockTime(context, changed.ChangedAt, "changedAt", changed.ChangedBy), changed.Until, changed.ChangedBy), limit))
        {
            refusal = "办理时限未暂停";
        }

        if (refusal is not null)
        {
            context.Audit("ExclusionEndChangeIgnored", new Dictionary<string, string?>
            {
                ["until"] = changed.Until.ToString("O"),
                ["reason"] = refusal,
            }, changed.ChangedBy);
            return;
        }

        // One timer per step for the period's end: scheduled again under the same id, it fires at the new end only.
        state.TimerId = $"{context.Node.Id}:exclusion";
        context.Emit(new ScheduleTimer(state.TimerId, context.Node.Id, changed.Until));
        AnnounceDueTime(context, limit);
        context.Emit(ClockNotices.ExclusionEndChanged(context.Application.TrackingNumber, StepTitle(context), StepTitleEn(context), changed.Until, before));
        context.Audit("ExclusionEndChanged", new Dictionary<string, string?>
        {
            ["until"] = changed.Until.ToString("O"),
            ["before"] = before?.ToString("O"),
        }, changed.ChangedBy);
    }

    /// <summary>Runs the step's clock again after an excluded period (not after a supplement request, which the applicant ends).</summary>
    private static void EndExclusion(ActivityContext context, DateTimeOffset at, WorkingTimeLimit limit, string? by)
    {
        var state = context.State;
        if (ClockTimeline.Of(state.Clock).CurrentPause is not { Reason: PauseReason.ExcludedPeriod }
            || !context.RecordClock(ClockEvent.Resumed(ReportedClockTime(context, at, "endedAt", by), by), limit))
        {
            context.Audit("ExclusionEndIgnored", new Dictionary<string, string?> { ["reason"] = "没有进行中的不计时期间" }, by);
            return;
        }

        if (state.TimerId is { } timer)
        {
            context.Emit(new CancelTimer(timer));
            state.TimerId = null;
        }

        HoldForOverdueMaterials(context, limit);
        AnnounceDueTime(context, limit);
        var resumedDue = ClockTimeline.Of(state.Clock).Status == ClockStatus.Running ? state.DueAt : null;
        context.Emit(ClockNotices.ExclusionEnded(context.Application.TrackingNumber, StepTitle(context), StepTitleEn(context),
            resumedDue, ProvisionalDueOf(context, resumedDue)));
        context.Audit("ClockResumed", new Dictionary<string, string?> { ["dueAt"] = state.DueAt?.ToString("O") }, by);
    }

    /// <summary>
    /// Adds an approved extension to the step's clock, so its due time moves; refused (audited) where it would take
    /// the extensions past what the definition allows, or where the clock stopped. (A report delivered twice is dropped
    /// by the engine's inbox before it gets here.)
    /// </summary>
    private static void Extend(ActivityContext context, StepExtendedEvent extended, WorkingTimeLimit limit, WorkingTimeLimit maxExtension)
    {
        var state = context.State;
        var extensionId = extended.ExtensionId.ToString();
        var granted = ClockTimeline.Of(state.Clock).Extensions.Aggregate(TimeSpan.Zero, (sum, e) => sum + context.Calendar.OfficeTimeOf(e.Added!));
        string? refusal = null;
        if (!extended.Added.IsWellFormed)
        {
            refusal = "延长的时间须为正数";
        }
        else if (granted + context.Calendar.OfficeTimeOf(extended.Added) > context.Calendar.OfficeTimeOf(maxExtension))
        {
            refusal = $"本事项最多可延长 {maxExtension}，已延长 {granted.TotalHours:0.##} 个工作小时";
        }
        else if (OverdueAt(state, extended.ApprovedAt) is { } due)
        {
            // 行政许可法 Art. 42: the extension is decided within the limit; one after it would make a late step on time.
            refusal = $"办理时限已于 {ChinaTime.Format(due)} 届满，届满后不能再延长";
        }
        else if (!context.RecordClock(ClockEvent.Extended(extended.ApprovedAt, extended.ApprovedBy, extended.Reason, extended.Added), limit))
        {
            refusal = "办理时限已停止";
        }

        if (refusal is not null)
        {
            context.Audit("ExtensionIgnored", new Dictionary<string, string?>
            {
                ["extension"] = extensionId,
                ["added"] = extended.Added.ToString(),
                ["reason"] = refusal,
            }, extended.ApprovedBy);
            return;
        }

        AnnounceDueTime(context, limit);
        // 行政许可法 Art. 42: the applicant is told of the extension and its reason, as for a stage's or the bundle's.
        var extendedDue = ClockTimeline.Of(state.Clock).Status == ClockStatus.Running ? state.DueAt : null;
        context.Emit(ClockNotices.Extension(context.Application.TrackingNumber, StepTitle(context), StepTitleEn(context),
            extended.Added, extended.Reason, extendedDue, ProvisionalDueOf(context, extendedDue)));
        context.Audit("StepExtended", new Dictionary<string, string?>
        {
            ["extension"] = extensionId,
            ["added"] = extended.Added.ToString(),
            ["reason"] = extended.Reason,
            ["requestedBy"] = extended.RequestedBy,
            ["approvedBy"] = extended.ApprovedBy,
            ["dueAt"] = state.DueAt?.ToString("O"),
        }, extended.ApprovedBy);
    }

    /// <summary>The step as the applicant's notices name it.</summary>
    private static string StepTitle(ActivityContext context) => $"“{context.Node.DisplayTitle}”事项";

    /// <summary>The English of <see cref="StepTitle"/>.</summary>
    private static string StepTitleEn(ActivityContext context) => $"the step “{context.Node.DisplayTitleEn}”";

    /// <summary>
    /// The promised due time, when the step's clock ran past it before <paramref name="at"/>: a clock that stopped
    /// before its due time (a pause) has not run past it, however late <paramref name="at"/> is.
    /// </summary>
    private static DateTimeOffset? OverdueAt(NodeState state, DateTimeOffset at)
    {
        var ranUntil = ClockTimeline.Of(state.Clock).CurrentPause?.At ?? at;
        return state.DueAt is { } due && ranUntil > due ? due : null;
    }

    /// <summary>
    /// Stops the step's clock for a supplement request (补正) and tells the applicant every item in one notice; refused
    /// (audited, and the department told why) for a further request without a supervisor's approval (or approved by the
    /// clerk who asked), one past the definition's window after receipt without that approval (行政许可法 Art. 32), past
    /// the definition's <c>maxRequests</c>, or while the clock stands still already. The department checks these first;
    /// a department system that does not is held to them here.
    /// </summary>
    private static void RequestSupplement(ActivityContext context, StepSupplementRequestedEvent requested, WorkingTimeLimit limit)
    {
        var state = context.State;
        var rules = context.Definition.Supplements;
        var approval = requested.Approval;
        var items = string.Join("；", requested.Items.Select(i => $"{context.Definition.SupplementItemName(i.Material, i.Field)}（{i.Reason}）"));
        var requestBy = rules.RequestBy(context.Calendar, DispatchedAt(context));
        // The clock stops, and the window is judged, at a time that can be true; the request keeps the time reported,
        // by which the department knows it.
        var requestedAt = ReportedClockTime(context, requested.RequestedAt, "requestedAt", requested.RequestedBy);
        string? refusal = InvalidItems(context, requested.Items) is { } invalid ? invalid
            : state.Supplements >= rules.MaxRequestsOrDefault ? $"本事项最多可提出 {rules.MaxRequestsOrDefault} 次补正，已提出 {state.Supplements} 次"
            : state.Supplements > 0 && approval is null ? "本事项已提出过补正，再次补正须经部门负责人批准"
            : approval is null && requestedAt > requestBy
                ? $"补正须在收件后 {rules.Window}内一次性提出（截至 {ChinaTime.Format(requestBy)}），已过期限；确需补正的，须经部门负责人批准"
            : approval is not null && approval.ApprovedBy == requested.RequestedBy ? "提出补正的工作人员不能批准本人的补正（职责分离）"
            : null;
        // The pause says that the department's supervisor let it stop a second time, and why: the applicant reads it, and
        // reads of a department's staff by their office, never by a login id (the audit line names the approver).
        var pauseText = approval is null ? $"补正：{items}" : $"补正（第 {state.Supplements + 1} 次，经部门负责人批准，{approval.Reason}）：{items}";
        var itemsEn = ItemsEn(context, requested.Items);
        var pauseTextEn = approval is null
            ? $"Supplement: {itemsEn}"
            : $"Supplement (round {state.Supplements + 1}, approved by the department's supervisor: {approval.Reason}): {itemsEn}";
        if (refusal is null
            && !context.RecordClock(ClockEvent.Paused(requestedAt, PauseReason.SupplementRequested, pauseText, requested.RequestedBy, pauseTextEn), limit))
        {
            refusal = "办理时限已暂停或停止";
        }

        if (refusal is not null)
        {
            context.Audit("SupplementIgnored", new Dictionary<string, string?>
            {
                ["request"] = requested.RequestId.ToString(),
                ["reason"] = refusal,
                ["approvedBy"] = approval?.ApprovedBy,
            }, requested.RequestedBy);
            // The department believes the applicant was asked: it learns they were not, and why.
            context.Emit(new AnnounceSupplementRefused(context.Node.Id, state.Attempt, state.Department!, requested.RequestId, requested.RequestedAt, refusal));
            return;
        }

        state.Supplements++;
        var answerBy = rules.AnswerWithin is { } answerWithin ? context.Calendar.Add(requestedAt, answerWithin) : (DateTimeOffset?)null;
        var open = new OpenSupplement(requested.RequestId, requested.Items, requested.Note, requested.RequestedBy, requested.RequestedAt, answerBy);
        state.Supplement = open;
        if (answerBy is { } expiresAt)
        {
            // The clock is paused, so no excluded period (and no timer of one) can stand beside the request. The one
            // timer comes first for the reminder, then for the expiry: supplying the items cancels whichever is set.
            var remindAt = context.Calendar.ReminderAt(requestedAt, rules.AnswerWithin!, rules.Reminder);
            state.TimerId = remindAt is null ? SupplementTimerId(context, open) : SupplementReminderTimerId(context, open);
            context.Emit(new ScheduleTimer(state.TimerId, context.Node.Id, remindAt ?? expiresAt));
        }

        AnnounceDueTime(context, limit);
        var note = string.IsNullOrWhiteSpace(requested.Note) ? "" : $"说明：{requested.Note}。";
        var answerText = answerBy is { } by
            ? $"请于 {ChinaTime.Format(by)} 前一次补齐后上传，逾期未补齐的，{(rules.OnExpiry == SupplementExpiry.Withdraw ? "视为撤回申请" : "本事项不予受理")}；"
            : "请一次补齐后上传；";
        var again = approval is null ? "" : "再次";
        var noteEn = string.IsNullOrWhiteSpace(requested.Note) ? "" : $" Note: {requested.Note}.";
        var answerTextEn = answerBy is { } before
            ? $"Please supply them all at once and upload them before {ChinaTime.Format(before)}; if they are not all supplied by then, {(rules.OnExpiry == SupplementExpiry.Withdraw ? "the application is deemed withdrawn" : "this step is refused")}."
            : "Please supply them all at once and upload them.";
        var (earliest, earliestEn) = EarliestDeadline(context, answerBy);
        context.Emit(NotifyApplicant.Of("supplement-requested",
            $"{earliest}{context.Node.DisplayTitle}需要{again}补正材料：{items}。{note}{OthersOutstanding(context)}{answerText}补齐前本事项办理时限暂停。",
            $"{earliestEn}{context.Node.DisplayTitleEn} needs {(approval is null ? "" : "further ")}materials supplied: {itemsEn}.{noteEn}{OthersOutstandingEn(context)} {answerTextEn} Until then this step's time limit is paused."));
        context.Audit("SupplementRequested", new Dictionary<string, string?>
        {
            ["request"] = requested.RequestId.ToString(),
            ["items"] = items,
            ["note"] = requested.Note,
            ["answerBy"] = answerBy?.ToString("O"),
            ["round"] = state.Supplements.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["approvedBy"] = approval?.ApprovedBy,
            ["approvedAt"] = approval?.ApprovedAt.ToString("O"),
            ["approvalReason"] = approval?.Reason,
        }, requested.RequestedBy);
    }

    /// <summary>
    /// Every other step's open request, so this notice lists all that is outstanding on the application (补正一次告知):
    /// the latest supplement notice is always complete and the page shows only it (see <c>ApplicationViews</c>).
    /// Derived from the steps' state rather than a debounce timer: deterministic, no extra timer, nothing to lose on restart.
    /// Each keeps its own deadline: an earlier request expires on its own day, not on this one's.
    /// </summary>
    private static string OthersOutstanding(ActivityContext context) =>
        string.Concat(OthersAsking(context).Select(o =>
            $"{o.Node.DisplayTitle}（{o.Department}）仍需补正：{string.Join("；", o.Open.Items.Select(i => $"{context.Definition.SupplementItemName(i.Material, i.Field)}（{i.Reason}）"))}"
            + (o.Open.AnswerBy is { } by ? $"，须于 {ChinaTime.Format(by)} 前补齐" : "") + "。"));

    /// <summary>The English of <see cref="OthersOutstanding"/>.</summary>
    private static string OthersOutstandingEn(ActivityContext context) =>
        string.Concat(OthersAsking(context).Select(o =>
            $" {o.Node.DisplayTitleEn} ({o.Department}) still needs: {ItemsEn(context, o.Open.Items)}"
            + (o.Open.AnswerBy is { } by ? $", to be supplied before {ChinaTime.Format(by)}" : "") + "."));

    /// <summary>
    /// Where other requests are open with their own deadlines, the earliest of all comes first in the notice (with the
    /// step it belongs to): missing it ends the application as the definition says, whatever the later deadlines are.
    /// </summary>
    private static (string Zh, string En) EarliestDeadline(ActivityContext context, DateTimeOffset? own)
    {
        var dated = OthersAsking(context)
            .Where(o => o.Open.AnswerBy is not null)
            .Select(o => (At: o.Open.AnswerBy!.Value, Title: o.Node.DisplayTitle, TitleEn: o.Node.DisplayTitleEn))
            .ToList();
        if (dated.Count == 0)
        {
            return ("", "");
        }

        if (own is { } mine)
        {
            dated.Add((mine, context.Node.DisplayTitle, context.Node.DisplayTitleEn));
        }

        var first = dated.MinBy(d => d.At);
        var withdraw = context.Definition.Supplements.OnExpiry == SupplementExpiry.Withdraw;
        return (
            $"请注意：本申请最早的补正期限为 {ChinaTime.Format(first.At)}（{first.Title}），逾期未补齐的，{(withdraw ? "视为撤回申请" : "该事项不予受理")}。",
            $"Please note: the earliest supplement deadline on this application is {ChinaTime.Format(first.At)} ({first.TitleEn}); if it is missed, {(withdraw ? "the application is deemed withdrawn" : "that step is refused")}. ");
    }

    /// <summary>The other steps with a supplement request open, earliest first.</summary>
    private static IEnumerable<(StepNode Node, string? Department, OpenSupplement Open)> OthersAsking(ActivityContext context) =>
        context.Definition.Nodes.Values
            .Where(n => n.Id != context.Node.Id && context.Peek(n.Id) is { Status: NodeStatus.Active, Supplement: not null })
            .Select(n => (Node: n, context.Peek(n.Id)!.Department, Open: context.Peek(n.Id)!.Supplement!))
            .OrderBy(o => o.Open.RequestedAt);

    /// <summary>Materials and form fields asked for, each with its reason as the clerk gave it, by their English names.</summary>
    private static string ItemsEn(ActivityContext context, IEnumerable<SupplementRequestItem> items) =>
        string.Join("; ", items.Select(i => $"{context.Definition.SupplementItemNameEn(i.Material, i.Field)} ({i.Reason})"));

    /// <summary>
    /// Why a request's items cannot be sent on, or null: each names exactly one of a material the step uses (the
    /// definition's <c>usedBy</c>, as the step's message lists them) and a field of the service's form (every field is
    /// on the step's message, so the department sees them all), and none twice. The applicant is never asked for a
    /// material another department, or nobody, uses.
    /// </summary>
    private static string? InvalidItems(ActivityContext context, IReadOnlyList<SupplementRequestItem> items)
    {
        if (items.Count == 0)
        {
            return "补正未列明任何一项";
        }

        var stepMaterials = context.Definition.MaterialsFor(context.Node.Id).Select(m => m.Key).ToArray();
        foreach (var item in items)
        {
            if ((item.Material is null) == (item.Field is null))
            {
                return "补正的每一项须且只须写明材料（material）或申请表字段（field）之一";
            }

            if (item.Field is { } field && !context.Definition.Fields.ContainsKey(field))
            {
                return $"申请表中没有字段“{field}”";
            }

            if (item.Material is { } material && !stepMaterials.Contains(material, StringComparer.Ordinal))
            {
                return stepMaterials.Length == 0
                    ? $"材料“{material}”不是本事项使用的材料，本事项不使用申请材料"
                    : $"材料“{material}”不是本事项使用的材料，本事项使用的材料为：{string.Join("、", stepMaterials)}";
            }
        }

        if (items.Where(i => i.Material is not null).GroupBy(i => i.Material, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } materialTwice)
        {
            return $"材料“{materialTwice.Key}”列出了两次";
        }

        return items.Where(i => i.Field is not null).GroupBy(i => i.Field, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice
            ? $"申请表字段“{twice.Key}”列出了两次"
            : null;
    }

    private static string SupplementTimerId(ActivityContext context, OpenSupplement open) => $"{context.Node.Id}:supplement:{open.RequestId:N}";

    private static string SupplementReminderTimerId(ActivityContext context, OpenSupplement open) => $"{context.Node.Id}:supplement-reminder:{open.RequestId:N}";

    /// <summary>
    /// The request's answer-by nears with items still missing: the applicant is reminded once (as for a 容缺 material),
    /// and the timer is set again for the expiry itself.
    /// </summary>
    private static void RemindOfSupplement(ActivityContext context, OpenSupplement open)
    {
        var state = context.State;
        var expiresAt = open.AnswerBy!.Value;
        state.TimerId = SupplementTimerId(context, open);
        context.Emit(new ScheduleTimer(state.TimerId, context.Node.Id, expiresAt));
        var withdraw = context.Definition.Supplements.OnExpiry == SupplementExpiry.Withdraw;
        var items = string.Join("；", open.Items.Select(i => $"{context.Definition.SupplementItemName(i.Material, i.Field)}（{i.Reason}）"));
        context.Emit(NotifyApplicant.Of("supplement-reminder",
            $"您的申请（{context.Application.TrackingNumber}）{context.Node.DisplayTitle}要求补正的材料尚未补齐：{items}。请于 {ChinaTime.Format(expiresAt)} 前一次补齐后上传，逾期未补齐的，{(withdraw ? "视为撤回申请" : "本事项不予受理")}。",
            $"Materials {context.Node.DisplayTitleEn} asked to be supplied on your application ({context.Application.TrackingNumber}) are still missing: {ItemsEn(context, open.Items)}. Please supply them all and upload them before {ChinaTime.Format(expiresAt)}; if they are not all supplied by then, {(withdraw ? "the application is deemed withdrawn" : "this step is refused")}."));
        context.Audit("SupplementReminded", new Dictionary<string, string?>
        {
            ["request"] = open.RequestId.ToString(),
            ["answerBy"] = expiresAt.ToString("O"),
        });
    }

    /// <summary>
    /// The applicant let the request's limit pass: as the definition says, the application is deemed withdrawn
    /// (every department drops its steps) or this step is refused and the flow goes on as for any refusal.
    /// </summary>
    private static void SupplementExpired(ActivityContext context, OpenSupplement open)
    {
        var rules = context.Definition.Supplements;
        var items = string.Join("、", open.Items.Select(i => context.Definition.SupplementItemName(i.Material, i.Field)));
        var itemsEn = string.Join(", ", open.Items.Select(i => context.Definition.SupplementItemNameEn(i.Material, i.Field)));
        context.Audit("SupplementExpired", new Dictionary<string, string?>
        {
            ["request"] = open.RequestId.ToString(),
            ["answerBy"] = open.AnswerBy?.ToString("O"),
            ["onExpiry"] = rules.OnExpiry == SupplementExpiry.Withdraw ? "withdraw" : "reject-step",
        });
        if (rules.OnExpiry == SupplementExpiry.Withdraw)
        {
            context.EndApplication($"申请人未在 {ChinaTime.Format(open.AnswerBy!.Value)} 前补正{context.Node.DisplayTitle}所需材料（{items}），视为撤回申请",
                $"The applicant did not supply the materials asked for in {context.Node.DisplayTitleEn} ({itemsEn}) before {ChinaTime.Format(open.AnswerBy!.Value)}, so the application is deemed withdrawn");
            return;
        }

        var reason = $"申请人未在 {ChinaTime.Format(open.AnswerBy!.Value)} 前补正所需材料（{items}），不予受理";
        var reasonEn = $"The applicant did not supply the materials asked for ({itemsEn}) before {ChinaTime.Format(open.AnswerBy!.Value)}, so the step is refused";
        context.State.Supplement = null;
        Recall(context, reason, reasonEn);
        context.Emit(NotifyApplicant.Of("supplement-expired", $"{context.Node.DisplayTitle}：{reason}。", $"{context.Node.DisplayTitleEn}: {reasonEn}."));
        context.Complete(StepOutcome.Rejected, new LocalizedText(reason, reasonEn));
    }

    /// <summary>The applicant supplied every item: the clock runs again and the department learns the new versions.</summary>
    private static void Supplied(ActivityContext context, StepSupplementedEvent supplied, WorkingTimeLimit limit)
    {
        var state = context.State;
        if (state.Supplement?.RequestId != supplied.RequestId)
        {
            return;
        }

        var fields = state.Supplement.Items.Select(i => i.Field).OfType<string>().ToArray();
        state.Supplement = null;
        if (state.TimerId is { } timer)
        {
            context.Emit(new CancelTimer(timer));
            state.TimerId = null;
        }

        if (ClockTimeline.Of(state.Clock).CurrentPause is { Reason: PauseReason.SupplementRequested })
        {
            context.RecordClock(ClockEvent.Resumed(supplied.SuppliedAt, supplied.SuppliedBy), limit);
            HoldForOverdueMaterials(context, limit);
        }

        // The versions and the due time in one message, so that the department never sees the clock run on the old
        // versions; the due change follows for a department system that reads only StepDueChanged.
        context.Emit(new AnnounceSupplied(
            context.Node.Id, state.Attempt, state.Department!, supplied.RequestId, supplied.Versions, state.Clock!.Count, state.DueAt)
        {
            Provisional = ProvisionalDueOf(context, state.DueAt),
            Statutory = StatutoryOf(context, ClockTimeline.Of(state.Clock).StartedAt ?? DispatchedAt(context), null),
            Fields = fields.Length == 0 ? null : fields,
        });
        AnnounceDueTime(context, limit);
        var provided = new Dictionary<string, string?>
        {
            ["request"] = supplied.RequestId.ToString(),
            ["materials"] = string.Join(",", supplied.Versions),
            ["fields"] = fields.Length == 0 ? null : string.Join(",", fields),
            ["dueAt"] = state.DueAt?.ToString("O"),
        };
        if (supplied.OnBehalfOf is not null)
        {
            provided["onBehalfOf"] = supplied.OnBehalfOf;
        }

        context.Audit("SupplementProvided", provided, supplied.SuppliedBy);
    }

    /// <summary>
    /// Stops a running clock while a material the step uses is overdue and missing (容缺, as the definition's
    /// <c>deferrals.onOverdue: pause-steps</c> says); true when it did.
    /// </summary>
    private static bool HoldForOverdueMaterials(ActivityContext context, WorkingTimeLimit limit)
    {
        if (context.OverdueMaterials is not { Count: > 0 } overdue)
        {
            return false;
        }

        var names = string.Join("、", overdue.Select(m => $"“{context.Definition.MaterialName(m.Key)}”"));
        var text = $"容缺材料{names}逾期未补交（应于 {ChinaTime.Format(overdue.Min(m => m.DueAt))} 前）";
        var textEn = $"Materials accepted later (容缺) are overdue: {string.Join(", ", overdue.Select(m => $"\"{context.Definition.MaterialNameEn(m.Key)}\""))} (due before {ChinaTime.Format(overdue.Min(m => m.DueAt))})";
        if (!context.RecordClock(ClockEvent.Paused(context.Now, PauseReason.MaterialOverdue, text, null, textEn), limit))
        {
            return false;
        }

        context.Audit("ClockPaused", new Dictionary<string, string?> { ["kind"] = "material-overdue", ["reason"] = text });
        return true;
    }

    /// <summary>The last overdue material the step uses came: its clock runs again.</summary>
    private static void ResumeAfterOverdueMaterials(ActivityContext context, DeferredMaterialSuppliedEvent arrived, WorkingTimeLimit limit)
    {
        if (ClockTimeline.Of(context.State.Clock).CurrentPause is not { Reason: PauseReason.MaterialOverdue }
            || context.OverdueMaterials.Count > 0
            || !context.RecordClock(ClockEvent.Resumed(arrived.SuppliedAt, arrived.SuppliedBy), limit))
        {
            return;
        }

        AnnounceDueTime(context, limit);
        context.Audit("ClockResumed", new Dictionary<string, string?> { ["dueAt"] = context.State.DueAt?.ToString("O"), ["material"] = arrived.Material }, arrived.SuppliedBy);
    }

    /// <summary>Tells the department holding the step that it is no longer needed, why, and why in English (<paramref name="reasonEn"/>, where known).</summary>
    internal static void Recall(ActivityContext context, string reason, string? reasonEn)
    {
        var state = context.State;
        if (state.Department is { } department)
        {
            context.Emit(new RecallStep(context.Node.Id, state.Attempt, department, reason) { ReasonEn = reasonEn });
        }
    }

    /// <summary>Settings of a department task.</summary>
    public sealed record Settings : ICommitmentSettings
    {
        /// <summary>The owning department's code, as kept in <c>Definitions/departments.yaml</c>.</summary>
        public string Department { get; init; } = "";

        public WorkingTimeLimit? Limit { get; init; }

        /// <summary>The key of an automated handler on the department host; absent means a clerk decides.</summary>
        public string? Handler { get; init; }

        /// <summary>How far a supervisor may extend the limit in all; 10 working days when absent (行政许可法 Art. 42).</summary>
        public WorkingTimeLimit? MaxExtension { get; init; }

        /// <summary>Approval on the applicant's signed commitment (告知承诺制), where the definition allows it.</summary>
        public CommitmentRules? Commitment { get; init; }
    }

    /// <summary>Department known, time limit given.</summary>
    public sealed class SettingsValidator : AbstractValidator<Settings>
    {
        public SettingsValidator()
        {
            RuleFor(s => s.Department).NotEmpty().WithMessage("缺少办理部门 department").WithState(_ => "The department that carries out the step is missing");
            RuleFor(s => s.Department).MustBeKnownDepartment().When(s => !string.IsNullOrEmpty(s.Department));
            // A step held to its statutory limit alone (statutoryLimit) is timed against that one.
            RuleFor(s => s.Limit).NotNull().When((_, context) => !HasStatutoryLimit(context))
                .WithMessage("缺少办理时限 limit（workingDays 或 workingHours）或法定时限 statutoryLimit")
                .WithState(_ => "The time limit is missing: limit (workingDays or workingHours) or statutoryLimit");
            RuleFor(s => s.Limit!).SetValidator(new WorkingTimeLimitValidator()).When(s => s.Limit is not null);
            RuleFor(s => s.MaxExtension!).SetValidator(new WorkingTimeLimitValidator()).When(s => s.MaxExtension is not null);
            RuleFor(s => s.Commitment!)
                .SetValidator(new CommitmentRulesValidator())
                .When(s => s.Commitment is not null);
        }
    }
}
