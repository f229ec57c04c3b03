using System.Globalization;
using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Core.Activities;

/// <summary>
/// Gives the yellow and red cards (红黄牌预警) of every clock of an application — the bundle's against its promised and
/// statutory limits, each stage's and step's against its own promised and statutory limit (either may be absent) — each exactly once, when it comes due: yellow when
/// the definition's yellow share (<see cref="DeadlineWarnings.YellowShareOf(WorkflowDefinition, StepNode)"/>) of the
/// allowance is used, red at the due time — the times the clock's card shows (<see cref="ClockCards"/>), read from the
/// clocks the pages and the API read (<see cref="ApplicationClocks"/>), so a card given and a card shown never differ. One timer,
/// <see cref="TimerId"/>, wakes the application for the earliest card not yet given. What was given is kept in the
/// state, which is saved with optimistic concurrency, and the timer is leased: so a card is never given twice, by two
/// engine processes or after a restart.
/// </summary>
internal static class WarningWatch
{
    public const string TimerId = "deadline-warnings";

    /// <summary>Looks again when a clock changed in this event, when the timer fired, or when a card is overdue.</summary>
    public static void Look(ExecutionScope scope, InstanceState before, WorkflowEvent evt, IReadOnlyCollection<string> changed)
    {
        var state = scope.State;
        var timerFired = evt is TimerFiredEvent { TimerId: TimerId };
        var due = state.NextWarningAt is { } next && next <= scope.Now;
        // A changed calendar moves the bundle's due times too, though no entry was added to its log.
        if (!timerFired && !due && evt is not CalendarChangedEvent && !ClockChanged(state, before, changed))
        {
            return;
        }

        DateTimeOffset? earliest = null;
        var definition = scope.Definition;
        var running = state.Status == WorkflowStatus.Running;
        // The clocks as the application's pages and API read them, so that a card given and a card shown never differ. A
        // verification task (事后核查) outlives the flow: its clock runs on after the bundle completed.
        foreach (var clock in ApplicationClocks.Of(definition, state, scope.Registry).DistinctBy(c => (c.Kind, c.Id)))
        {
            NodeState? node = null;
            StepNode? stepNode = null;
            var step = clock.Id;
            if (clock.Kind == ClockKind.Verification)
            {
                // Only the task out at its department: a decided or dropped one has stopped.
                step = clock.Id[..^CommitmentState.TimerSuffix.Length];
                node = state.Find(step);
                if (state.Status is not (WorkflowStatus.Running or WorkflowStatus.Completed)
                    || node is not { Commitment.Status: CommitmentStatus.Verifying } || !definition.Nodes.TryGetValue(step, out stepNode))
                {
                    continue;
                }
            }
            else if (!running)
            {
                continue;
            }
            // Only what still runs: a step cancelled with its branch keeps a clock nobody stopped.
            else if (clock.Kind != ClockKind.Bundle)
            {
                node = state.Find(clock.Id);
                if (node is not { Status: NodeStatus.Active, Clock.Count: > 0 } || !definition.Nodes.TryGetValue(clock.Id, out stepNode))
                {
                    continue;
                }
            }

            if (clock.Promised is { } promised)
            {
                // The cards and the escalation rules share one reading of the clock.
                var times = new CardTimes(clock, promised, scope.Calendar);
                Check(scope, clock.Id, step, node, WarningLimits.Promised, ref times, ref earliest);
                if (node is not null && stepNode is not null)
                {
                    Escalate(scope, clock.Id, step, node, stepNode, ref times, ref earliest);
                }
            }

            if (clock.Statutory is { } statutory)
            {
                var times = new CardTimes(clock, statutory, scope.Calendar);
                Check(scope, clock.Id, step, node, WarningLimits.Statutory, ref times, ref earliest);
                if (clock.Promised is null && node is not null && stepNode is not null)
                {
                    // A step or stage held to its statutory limit alone escalates on the cards of that limit.
                    Escalate(scope, clock.Id, step, node, stepNode, ref times, ref earliest);
                }
            }
        }

        // The timer that fired is gone; any other stands at NextWarningAt.
        var scheduled = timerFired ? null : state.NextWarningAt;
        if (earliest != scheduled)
        {
            scope.Emit(earliest is { } at ? new ScheduleTimer(TimerId, definition.Flow.Id, at) : new CancelTimer(TimerId));
        }

        state.NextWarningAt = earliest;
    }

    private static bool ClockChanged(InstanceState state, InstanceState before, IReadOnlyCollection<string> changed)
    {
        if ((state.Clock?.Count ?? 0) != (before.Clock?.Count ?? 0))
        {
            return true;
        }

        foreach (var id in changed)
        {
            if ((state.Find(id)?.Clock?.Count ?? 0) != (before.Find(id)?.Clock?.Count ?? 0)
                || state.Find(id)?.Commitment?.Status != before.Find(id)?.Commitment?.Status
                || (state.Find(id)?.Commitment?.VerificationClock?.Count ?? 0) != (before.Find(id)?.Commitment?.VerificationClock?.Count ?? 0))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Gives what is due of one clock's cards against one limit, and keeps the earliest still to come. A red that comes
    /// due before its yellow was given is given alone: the yellow has nothing left to warn of. A clock paused past a
    /// card's time keeps that card, as the card shown does; one paused short of it waits for nothing.
    /// </summary>
    private static void Check(
        ExecutionScope scope, string clock, string step, NodeState? node, string limitName, ref CardTimes times, ref DateTimeOffset? earliest)
    {
        var state = scope.State;
        var redAt = times.RedAt();
        if (RedGiven(state, clock, limitName, redAt))
        {
            return;
        }

        if (redAt <= scope.Now)
        {
            Give(scope, clock, step, node, limitName, WarningLevel.Red, redAt.Value, times.ProvisionalOf(redAt.Value));
            return;
        }

        if (times.YellowAt() is { } yellowAt && !YellowGiven(state, clock, limitName, yellowAt, redAt))
        {
            if (yellowAt > scope.Now)
            {
                earliest = Min(earliest, yellowAt);
                return;
            }

            var dueShown = times.DueShown(scope.Now);
            Give(scope, clock, step, node, limitName, WarningLevel.Yellow, dueShown, times.ProvisionalOf(dueShown));
        }

        if (redAt is { } due)
        {
            earliest = Min(earliest, due);
        }
    }

    /// <summary>
    /// Whether the red card for the due time the clock reads now was given: a red given at or after that time was. One
    /// given before it warned of an earlier due time that an extension or a recount has since moved: the step was not
    /// late then as the clock now reads, so when it runs late again a new red comes, once for that due time.
    /// </summary>
    private static bool RedGiven(InstanceState state, string clock, string limit, DateTimeOffset? redAt) =>
        redAt is { } due && state.Warnings?.Exists(w => w.Level == WarningLevel.Red && w.Clock == clock && w.Limit == limit && w.At >= due) == true;

    /// <summary>
    /// Whether the yellow card for the clock as it reads now was given: one given at or after the time it turns yellow,
    /// and after any red whose due time has since moved (the department took that red back with the new due time, so
    /// the yellow it holds is gone too).
    /// </summary>
    private static bool YellowGiven(InstanceState state, string clock, string limit, DateTimeOffset yellowAt, DateTimeOffset? redAt)
    {
        var mine = state.Warnings?.Where(w => w.Clock == clock && w.Limit == limit).ToList() ?? [];
        var stale = mine.Where(w => w.Level == WarningLevel.Red && (redAt is null || w.At < redAt)).Select(w => (DateTimeOffset?)w.At).Max();
        return mine.Exists(w => w.Level == WarningLevel.Yellow && w.At >= yellowAt && (stale is null || w.At > stale));
    }

    /// <summary>
    /// Records and audits a card and tells the department: a step's or a verification task's (<paramref name="step"/>, the
    /// node its department holds, differs from <paramref name="clock"/> for a verification) on its task, a stage's or
    /// the bundle's on the tasks under it.
    /// </summary>
    private static void Give(
        ExecutionScope scope, string clock, string step, NodeState? node, string limit, WarningLevel level, DateTimeOffset dueAt, ProvisionalDue? provisional)
    {
        var state = scope.State;
        state.Warnings ??= [];
        state.Warnings.Add(new FiredWarning(clock, limit, level, scope.Now, dueAt));
        var detail = new Dictionary<string, string?>
        {
            ["level"] = DeadlineWarnings.NameOf(level),
            ["limit"] = limit,
            ["dueAt"] = dueAt.ToString("O", CultureInfo.InvariantCulture),
        };
        var verification = step != clock;
        if (verification)
        {
            detail["verification"] = "true";
        }

        scope.Audit("DeadlineWarning", node is null ? null : step, null, detail);
        if (verification)
        {
            if (node is { Commitment.VerificationAttempt: { } attempt, Department: { } holder })
            {
                scope.Emit(new AnnounceWarning(step, attempt, holder, level, limit, dueAt) { Provisional = provisional });
            }
        }
        else if (node is { Status: NodeStatus.Active, Department: { } department })
        {
            scope.Emit(new AnnounceWarning(clock, node.Attempt, department, level, limit, dueAt) { Provisional = provisional });
        }
        else
        {
            AnnounceAbove(scope, clock, node, limit, level, dueAt, provisional);
        }
    }

    /// <summary>
    /// A stage's or the bundle's yellow or red card, told to each department still holding a step under it: the step's
    /// own card stays as it is, and the department's supervisors learn that the whole stage or 一件事 is near its limit
    /// or overdue.
    /// </summary>
    private static void AnnounceAbove(
        ExecutionScope scope, string clock, NodeState? node, string limit, WarningLevel level, DateTimeOffset dueAt, ProvisionalDue? provisional)
    {
        var definition = scope.Definition;
        StepNode? stage = null;
        if (node is not null && !definition.Nodes.TryGetValue(clock, out stage))
        {
            return;
        }

        var (kind, title, titleEn) = stage is null ? (WarningScopes.Bundle, definition.Title.Zh, definition.Title.En) : (WarningScopes.Stage, stage.DisplayTitle, stage.Title?.En);
        var open = OpenStepsUnder(scope.State, stage ?? definition.Flow);
        foreach (var (id, step) in open)
        {
            scope.Emit(new AnnounceWarning(id, step.Attempt, step.Department!, level, limit, dueAt, kind, title) { Provisional = provisional, ScopeTitleEn = titleEn });
        }

        // The department that approves the bundle's extensions (usually the service centre, 政务服务中心) answers for the
        // whole 一件事: its supervisors hear of the bundle's cards even when it holds no step, or none is open any more.
        if (stage is null && definition.Limits.Extension?.Approver is { } approver && !open.Exists(o => o.Step.Department == approver))
        {
            scope.Emit(new AnnounceWarning(definition.Flow.Id, 0, approver, level, limit, dueAt, kind, title)
            {
                Provisional = provisional,
                ScopeTitleEn = titleEn,
                TrackingNumber = scope.Application.TrackingNumber,
            });
        }
    }

    /// <summary>The department steps still open under a node (itself included): a stage's, or under the flow the bundle's.</summary>
    private static List<(string Id, NodeState Step)> OpenStepsUnder(InstanceState state, StepNode node) =>
        [.. node.DescendantsAndSelf()
            .DistinctBy(n => n.Id)
            .Select(n => (n.Id, Step: state.Find(n.Id)))
            .Where(t => t.Step is { Status: NodeStatus.Active, Department: not null })
            .Select(t => (t.Id, t.Step!))];

    /// <summary>
    /// Applies what is due of a step's or stage's escalation rules (its own, else for a department step the
    /// definition's), each once per time it comes due (<see cref="Applied"/>), and keeps the earliest still to come. A
    /// rule follows its card's time, which moves with the clock (a pause, an extension, a new calendar), plus its
    /// <see cref="EscalationRule.After"/>.
    /// </summary>
    private static void Escalate(
        ExecutionScope scope, string clock, string step, NodeState node, StepNode stepNode, ref CardTimes times, ref DateTimeOffset? earliest)
    {
        var rules = stepNode.Escalation ?? (node.Department is null ? null : scope.Definition.Limits.Escalation);
        // A clock standing still (waiting on the applicant, an excluded period) is not escalated until it runs again.
        if (rules is not { Count: > 0 } || !times.Running)
        {
            return;
        }

        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            var cardAt = rule.Card == EscalationNames.Red ? times.RedAt() : times.YellowAt();
            if (cardAt is null)
            {
                continue;
            }

            var at = rule.After is { } after ? scope.Calendar.Add(cardAt.Value, after) : cardAt.Value;
            if (Applied(scope.State, clock, i, at))
            {
                continue;
            }

            if (at > scope.Now)
            {
                earliest = Min(earliest, at);
                continue;
            }

            var dueAt = times.DueShown(scope.Now);
            Apply(scope, clock, step, node, stepNode, i, rule, dueAt, times.ProvisionalOf(dueAt));
        }
    }

    /// <summary>
    /// Whether the rule was applied for the clock as it reads now, keyed as the red card is (<see cref="RedGiven"/>): an
    /// application at or after the time the rule comes due now was. One before it followed a card whose time an extension,
    /// a pause or a recount has since moved: the step was not late then as the clock now reads, so the rule applies again,
    /// once, when the moved card comes — and the supervisor hears of it again.
    /// </summary>
    private static bool Applied(InstanceState state, string clock, int rule, DateTimeOffset at) =>
        state.Escalations?.Exists(e => e.Clock == clock && e.Rule == rule && e.At >= at) == true;

    /// <summary>Records the rule as applied, audits it, and tells each department holding an open step under it.</summary>
    private static void Apply(
        ExecutionScope scope, string clock, string step, NodeState node, StepNode stepNode, int index, EscalationRule rule, DateTimeOffset dueAt,
        ProvisionalDue? provisional)
    {
        var state = scope.State;
        state.Escalations ??= [];
        state.Escalations.Add(new FiredEscalation(clock, index, scope.Now));
        // A stage escalates every step of it still open; a step itself; a verification task (事后核查) the task out.
        var verification = step != clock;
        List<(string Id, NodeState Step)> steps = node.Department is not null ? [(step, node)] : OpenStepsUnder(state, stepNode);
        var (reason, reasonEn) = ReasonOf(stepNode, node, rule);
        scope.Audit("Escalated", step, null, new Dictionary<string, string?>
        {
            ["rule"] = (index + 1).ToString(CultureInfo.InvariantCulture),
            ["card"] = rule.Card,
            ["priority"] = rule.Priority,
            ["supervise"] = rule.Supervise ? "true" : "false",
            ["steps"] = string.Join(",", steps.Select(s => s.Id)),
            ["reason"] = reason,
            ["verification"] = verification ? "true" : null,
        });
        foreach (var (id, open) in steps)
        {
            var attempt = verification ? open.Commitment?.VerificationAttempt ?? open.Attempt : open.Attempt;
            scope.Emit(new AnnounceEscalation(id, attempt, open.Department!, clock, index, rule.Card!, rule.Priority, rule.Supervise, reason, dueAt)
            {
                Provisional = provisional,
                ReasonEn = reasonEn,
            });
        }
    }

    /// <summary>Why, as the supervisor reads it, in Chinese and English: 红牌后 1 个工作日仍未办结; a stage's rule names the stage.</summary>
    private static (string Zh, string En) ReasonOf(StepNode stepNode, NodeState node, EscalationRule rule)
    {
        var red = rule.Card == EscalationNames.Red;
        var card = red ? "红牌（超过办理时限）" : "黄牌（临近办理时限）";
        var cardEn = red ? "red card (past the time limit)" : "yellow card (the time limit is near)";
        var what = rule.After is { } after ? $"{card}后 {after}仍未办结" : $"亮{card}";
        var whatEn = rule.After is { } afterEn ? $"still not decided {afterEn.ToEnglish()} after the {cardEn}" : $"{cardEn[..1].ToUpperInvariant()}{cardEn[1..]}";
        return node.Department is null
            ? ($"阶段「{stepNode.DisplayTitle}」{what}", $"Stage “{stepNode.DisplayTitleEn}”: {whatEn}")
            : (what, $"{whatEn[..1].ToUpperInvariant()}{whatEn[1..]}");
    }

    private static DateTimeOffset Min(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x < b ? x : b;

    /// <summary>
    /// One clock's card times against one limit, as its card reads them (<see cref="ClockCards"/>), each worked out only
    /// when first asked and then kept for the rest of the look: the cards and the escalation rules read the same clock,
    /// and a look that gives nothing asks for nothing.
    /// </summary>
    private struct CardTimes(Clock clock, WorkingTimeLimit limit, WorkingCalendar calendar)
    {
        private DateTimeOffset? _redAt;
        private bool _redKnown;
        private DateTimeOffset? _yellowAt;
        private bool _yellowKnown;

        /// <summary>Whether the clock runs: a paused one keeps its cards but turns no further.</summary>
        public readonly bool Running => clock.Timeline.Status == ClockStatus.Running;

        /// <summary>When the card turns red; none while the clock is paused short of it (it uses no time then).</summary>
        public DateTimeOffset? RedAt()
        {
            if (!_redKnown)
            {
                _redAt = ClockCards.RedAt(clock.Timeline, limit, calendar);
                _redKnown = true;
            }

            return _redAt;
        }

        /// <summary>The due time the card shows at <paramref name="now"/>: for a paused clock, where it falls if it runs again now.</summary>
        public DateTimeOffset DueShown(DateTimeOffset now) =>
            RedAt() ?? ClockArithmetic.DueAt(clock.Timeline, limit, calendar, resumeAt: now) ?? now;

        /// <summary>Whether <paramref name="dueAt"/>, counted from the clock's start, passes a year with no holiday arrangement loaded (暂定).</summary>
        public readonly ProvisionalDue? ProvisionalOf(DateTimeOffset dueAt) => ProvisionalDue.Of(calendar, clock.Timeline.StartedAt ?? dueAt, dueAt);

        /// <summary>When the card turns yellow (<see cref="LimitCard.YellowAt"/>); none while the clock is paused short of it.</summary>
        public DateTimeOffset? YellowAt()
        {
            if (!_yellowKnown)
            {
                _yellowAt = ClockCards.YellowAt(clock.Timeline, limit, calendar, clock.YellowShare);
                _yellowKnown = true;
            }

            return _yellowAt;
        }
    }
}
