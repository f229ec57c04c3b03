using CsCheck;
using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Core.Tests;

/// <summary>
/// The yellow and red cards are given by the engine, not only drawn when someone looks: each once per clock, limit and
/// level, at its time, told to the department holding the step, with one timer waking the application for the next.
/// </summary>
public sealed class WarningWatchTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, Cst);

    private const string Flow = """
        id: warn-flow
        title: 测试
        timeLimits: { statutory: { workingDays: 20 }, promised: { workingDays: 10 } }
        form:
          - { key: name, label: 名称, type: text }
        flow:
          activity: sequence
          steps:
            - { id: licence, activity: department-task, title: 营业执照, department: SAMR, limit: { workingHours: 2 } }
            - { id: seal, activity: department-task, title: 刻章, department: PSB, limit: { workingHours: 4 } }
        """;

    /// <summary>One stage, 审查阶段, of two office hours, in a bundle of two (promised) and three (statutory), whose two steps run in parallel.</summary>
    private static readonly StagedFlow Staged = new()
    {
        Id = "stage-red",
        Title = "联合测试",
        Statutory = "{ workingHours: 3 }",
        Promised = "{ workingHours: 2 }",
        StageLimit = "{ workingHours: 2 }",
        Steps =
        [
            StagedFlow.DepartmentTask("licence", "营业执照", "SAMR", "{ workingHours: 2 }"),
            StagedFlow.DepartmentTask("seal", "刻章", "PSB", "{ workingHours: 2 }"),
        ],
    };

    /// <summary><see cref="Staged"/> with the bundle's limits of <see cref="Flow"/>, twenty and ten working days: no bundle card on the first day.</summary>
    private static readonly StagedFlow StagedInABundleOfDays = Staged with { Statutory = "{ workingDays: 20 }", Promised = "{ workingDays: 10 }" };

    private static FlowHarness Started() => new FlowHarness(Catalog.Definition(Flow), start: Monday).Start();

    private static FlowHarness Look(FlowHarness h, DateTimeOffset at)
    {
        h.Now = at;
        return h.FireTimer("deadline-warnings", h.Definition.Flow.Id);
    }

    private static IEnumerable<AuditEntry> Cards(FlowHarness h) => h.Audit.Where(a => a.Type == "DeadlineWarning");

    [Fact]
    public void AStepTurnsYellowAtThreeQuarters_ThenRedAtItsDueTime_EachOnce_AndItsDepartmentIsTold()
    {
        var h = Started();
        // Two office hours from 09:00: yellow at 10:30, red at 11:00; the timer waits for the first.
        Assert.Equal(Monday.AddHours(1.5), h.Last!.Commands.OfType<ScheduleTimer>().Single(t => t.TimerId == "deadline-warnings").DueAt);

        Look(h, Monday.AddHours(1.5));
        var yellow = Assert.Single(Cards(h));
        Assert.Equal(("licence", "yellow", "promised"), (yellow.StepId, yellow.Data!["level"], yellow.Data["limit"]));
        var told = Assert.Single(h.Last!.Commands.OfType<AnnounceWarning>());
        Assert.Equal(("licence", "SAMR", WarningLevel.Yellow, Monday.AddHours(2)), (told.StepId, told.Department, told.Level, told.DueAt));
        Assert.Equal(Monday.AddHours(2), h.Last.Commands.OfType<ScheduleTimer>().Single().DueAt);

        // The same timer delivered again (a second engine process, a restart): nothing more.
        Look(h, Monday.AddHours(1.5));
        Assert.Single(Cards(h));
        Assert.Empty(h.Last!.Commands.OfType<AnnounceWarning>());

        Look(h, Monday.AddHours(2));
        Look(h, Monday.AddHours(3));
        Assert.Equal(["yellow", "red"], Cards(h).Select(c => c.Data!["level"]));
        Assert.Equal(WarningLevel.Red, h.Commands.OfType<AnnounceWarning>().Last().Level);
        Assert.Equal(2, h.State.Warnings!.Count);
    }

    [Fact]
    public void AStepsOwnYellowShare_OrTheDefinitions_MovesItsYellowCard()
    {
        var own = new FlowHarness(Catalog.Definition(Flow.Replace("title: 营业执照,", "title: 营业执照, yellowShare: 0.5,", StringComparison.Ordinal)), start: Monday).Start();
        var everywhere = new FlowHarness(Catalog.Definition(Flow.Replace("promised: { workingDays: 10 } }", "promised: { workingDays: 10 }, yellowShare: 0.25 }", StringComparison.Ordinal)), start: Monday).Start();

        // Half of two office hours: yellow at 10:00; a quarter of them, as the definition says for every clock: 09:30.
        Assert.Equal(Monday.AddHours(1), own.State.NextWarningAt);
        Assert.Equal(Monday.AddHours(0.5), everywhere.State.NextWarningAt);
        Look(own, Monday.AddHours(1));
        Assert.Equal("yellow", Assert.Single(Cards(own)).Data!["level"]);
        var clocks = ApplicationClocks.Of(own.Definition, own.State, Catalog.Activities);
        Assert.Equal(0.5, clocks.Single(c => c.Id == "licence").YellowShare);
        Assert.Equal(DeadlineWarnings.DefaultYellowShare, clocks.Single(c => c.Id == "seal").YellowShare);
    }

    private static IEnumerable<AuditEntry> Escalations(FlowHarness h) => h.Audit.Where(a => a.Type == "Escalated");

    [Fact]
    public void AnEscalationRule_ComesAWorkingDayAfterTheRedCard_Once_AndTheDepartmentIsToldToPutItFirst()
    {
        var flow = Flow.Replace(
            "limit: { workingHours: 2 } }",
            "limit: { workingHours: 2 }, escalation: [ { card: red, after: { workingDays: 1 }, priority: urgent, supervise: true } ] }",
            StringComparison.Ordinal);
        var h = new FlowHarness(Catalog.Definition(flow), start: Monday).Start();

        // Red at 11:00: the card comes; the rule waits one working day more, counted as a limit is: to the end of Tuesday.
        Look(h, Monday.AddHours(2));
        Assert.Empty(Escalations(h));
        var tuesday = new DateTimeOffset(2026, 3, 3, 17, 30, 0, Cst);
        Assert.Equal(tuesday, h.State.NextWarningAt);

        Look(h, tuesday.AddMinutes(-1));
        Assert.Empty(Escalations(h));
        Look(h, tuesday);
        Look(h, tuesday.AddHours(1));
        var audit = Assert.Single(Escalations(h));
        Assert.Equal(("licence", "red", "urgent", "true"), (audit.StepId, audit.Data!["card"], audit.Data["priority"], audit.Data["supervise"]));
        var told = Assert.Single(h.Commands.OfType<AnnounceEscalation>());
        Assert.Equal(("licence", "SAMR", "licence", "urgent", true, Monday.AddHours(2)), (told.StepId, told.Department, told.Clock, told.Priority, told.Supervise, told.DueAt));
        Assert.Equal("红牌（超过办理时限）后 1 个工作日仍未办结", told.Reason);
        Assert.Equal("Still not decided 1 working day after the red card (past the time limit)", told.ReasonEn);
    }

    [Fact]
    public void AnEscalatedStepThatAnExtensionMoved_IsEscalatedAgainWhenItTurnsRedAgain_OnceForTheNewDueTime()
    {
        var flow = Flow.Replace(
            "limit: { workingHours: 2 } }",
            "limit: { workingHours: 2 }, escalation: [ { card: red, priority: urgent, supervise: true } ] }",
            StringComparison.Ordinal);
        var h = new FlowHarness(Catalog.Definition(flow), start: Monday).Start();
        Look(h, Monday.AddHours(2));
        Assert.Single(Escalations(h));

        // A working day more, approved at 10:50 within the limit, reaches the engine after the red: due at 11:00 on Tuesday.
        var tuesday = Monday.AddDays(1).AddHours(2);
        h.Now = Monday.AddHours(2.5);
        h.Apply(new StepExtendedEvent("licence", 1, Guid.NewGuid(), WorkingTimeLimit.Days(1), "需实地核查经营场所", "samr-clerk", "samr-supervisor", Monday.AddHours(1).AddMinutes(50)) { Department = "SAMR" });
        Assert.Equal(tuesday, h.Step("licence")!.DueAt);
        Assert.Equal(WarningLevel.None, h.Last!.Commands.OfType<AnnounceDue>().Single().Card);
        // Its new yellow at three quarters of nine office hours (17:15) escalates nothing: the rule follows the red.
        Look(h, Monday.AddHours(8.25));
        Assert.Equal(tuesday, h.State.NextWarningAt);
        Look(h, tuesday.AddMinutes(-1));
        Assert.Single(Escalations(h));

        Look(h, tuesday);
        Assert.Equal(2, Escalations(h).Count());
        var told = h.Commands.OfType<AnnounceEscalation>().Last();
        Assert.Equal(("licence", "SAMR", true, tuesday), (told.StepId, told.Department, told.Supervise, told.DueAt));

        // The same due time read again (the timer delivered twice, a restart): the rule stays applied.
        Look(h, tuesday.AddHours(1));
        h.Apply(new TimerFiredEvent("deadline-warnings", h.Definition.Flow.Id));
        Assert.Equal(2, Escalations(h).Count());
        Assert.Equal(2, h.Commands.OfType<AnnounceEscalation>().Count());
    }

    [Fact]
    public void AStagesEscalationRule_ReachesEveryOpenStepOfTheStage_EachAtItsDepartment()
    {
        var staged = StagedInABundleOfDays with { StageLimit = "{ workingHours: 3 }", StageSettings = ["escalation: [ { card: yellow, priority: high } ]"] };
        var h = new FlowHarness(Catalog.Definition(staged.Yaml), start: Monday).Start();

        // Three quarters of the stage's three office hours: 11:15.
        Look(h, Monday.AddHours(2));
        Assert.Empty(Escalations(h));
        Look(h, Monday.AddHours(2.25));

        var told = h.Commands.OfType<AnnounceEscalation>().OrderBy(c => c.StepId, StringComparer.Ordinal).ToList();
        Assert.Equal([("licence", "SAMR"), ("seal", "PSB")], told.Select(c => (c.StepId, c.Department)));
        Assert.All(told, c => Assert.Equal(("review", "high", false), (c.Clock, c.Priority, c.Supervise)));
        Assert.StartsWith("阶段「审查阶段」", told[0].Reason, StringComparison.Ordinal);
        Assert.StartsWith("Stage “", told[0].ReasonEn, StringComparison.Ordinal);
        Assert.Equal("licence,seal", Assert.Single(Escalations(h)).Data!["steps"]);
    }

    [Fact]
    public void AStagesAndTheBundlesRedCards_AreToldToEveryDepartmentHoldingAStepUnderThem_BesideTheStepsOwnCards()
    {
        var h = new FlowHarness(Catalog.Definition(Staged.Yaml), start: Monday).Start();

        // At 11:00 the steps, the stage and the bundle's promised limit all run out: each department hears of its own
        // step's red card, of the stage's and of the bundle's, each marked as whose it is.
        Look(h, Monday.AddHours(2));
        var red = h.Last!.Commands.OfType<AnnounceWarning>().Where(w => w.Level == WarningLevel.Red).ToList();
        foreach (var (step, department) in new[] { ("licence", "SAMR"), ("seal", "PSB") })
        {
            var mine = red.Where(w => w.StepId == step).OrderBy(w => w.Scope, StringComparer.Ordinal).ToList();
            Assert.Equal([(null, null), (WarningScopes.Bundle, "联合测试"), (WarningScopes.Stage, "审查阶段")], mine.Select(w => (w.Scope, w.ScopeTitle)));
            Assert.All(mine, w => Assert.Equal((department, WarningLimits.Promised, Monday.AddHours(2)), (w.Department, w.Limit, w.DueAt)));
        }

        // Looked at first when already due, each clock gets its red card alone: no late yellow.
        Assert.DoesNotContain(h.Commands.OfType<AnnounceWarning>(), w => w.Level == WarningLevel.Yellow);

        // The bundle's statutory three office hours end at 12:00: told once more, as the statutory limit's.
        Look(h, Monday.AddHours(3));
        var statutory = h.Last!.Commands.OfType<AnnounceWarning>().ToList();
        Assert.Equal(2, statutory.Count);
        Assert.All(statutory, w => Assert.Equal((WarningScopes.Bundle, WarningLimits.Statutory), (w.Scope, w.Limit)));

        // Given once: the same timer again tells nobody anything.
        Look(h, Monday.AddHours(3));
        Assert.Empty(h.Last!.Commands.OfType<AnnounceWarning>());
    }

    [Fact]
    public void TheBundlesCards_AreToldToTheDepartmentApprovingItsExtensions_WhichHoldsNoStep_OnceEach()
    {
        const string approved = """
            id: approved-flow
            title: 联合测试
            timeLimits: { statutory: { workingHours: 6 }, promised: { workingHours: 4 }, extension: { max: { workingHours: 2 }, approver: GSC } }
            form:
              - { key: name, label: 名称, type: text }
            flow:
              activity: sequence
              steps:
                - { id: licence, activity: department-task, title: 营业执照, department: SAMR, limit: { workingHours: 4 } }
            """;
        var h = new FlowHarness(Catalog.Definition(approved), start: Monday).Start();

        // Three of the four promised office hours: 12:00, the bundle's yellow card, for the licence's department and the
        // centre's, which holds no step: it gets the flow's id, attempt 0 and the tracking number to name the application.
        Look(h, Monday.AddHours(3));
        var yellow = h.Last!.Commands.OfType<AnnounceWarning>().Where(w => w.Scope is not null).OrderBy(w => w.Department, StringComparer.Ordinal).ToList();
        Assert.Equal([("GSC", h.Definition.Flow.Id, 0), ("SAMR", "licence", 1)], yellow.Select(w => (w.Department, w.StepId, w.Attempt)));
        Assert.All(yellow, w => Assert.Equal((WarningLevel.Yellow, WarningScopes.Bundle, "联合测试"), (w.Level, w.Scope, w.ScopeTitle)));
        Assert.Equal(h.Application.TrackingNumber, yellow[0].TrackingNumber);

        // The promised four hours end at 14:30: the red card, to both, once.
        Look(h, Monday.AddHours(5.5));
        var red = h.Last!.Commands.OfType<AnnounceWarning>().Where(w => w.Scope is not null).ToList();
        Assert.Equal(["GSC", "SAMR"], red.Select(w => w.Department).Order(StringComparer.Ordinal));
        Assert.All(red, w => Assert.Equal((WarningLevel.Red, WarningLimits.Promised), (w.Level, w.Limit)));
        Look(h, Monday.AddHours(5.5));
        Assert.Empty(h.Last!.Commands.OfType<AnnounceWarning>());
    }

    [Fact]
    public void AStagesYellowCard_IsToldOnceToTheDepartmentOfEveryStepStillOpenUnderIt()
    {
        // The bundle's cards come much later; a third step, already decided, hears nothing.
        var flow = StagedInABundleOfDays with { Steps = [.. Staged.Steps, StagedFlow.DepartmentTask("tax", "税务登记", "TAX", "{ workingHours: 2 }")] };
        var h = new FlowHarness(Catalog.Definition(flow.Yaml), start: Monday).Start();
        h.Now = Monday.AddHours(1);
        h.Approve("tax");

        // Three quarters of the stage's two office hours: 10:30, beside each open step's own yellow card.
        Look(h, Monday.AddHours(1.5));
        var told = h.Last!.Commands.OfType<AnnounceWarning>().Where(w => w.Scope is not null).OrderBy(w => w.StepId, StringComparer.Ordinal).ToList();
        Assert.Equal([("licence", "SAMR"), ("seal", "PSB")], told.Select(w => (w.StepId, w.Department)));
        Assert.All(told, w => Assert.Equal(
            (WarningLevel.Yellow, WarningScopes.Stage, "审查阶段", WarningLimits.Promised, Monday.AddHours(2)),
            (w.Level, w.Scope, w.ScopeTitle, w.Limit, w.DueAt)));
        Assert.Equal("yellow", Assert.Single(Cards(h), c => c.StepId == "review").Data!["level"]);

        // The same timer again (a restart, a second engine process) tells nobody anything more.
        Look(h, Monday.AddHours(1.5));
        Assert.Empty(h.Last!.Commands.OfType<AnnounceWarning>());
        Assert.Equal(2, h.Commands.OfType<AnnounceWarning>().Count(w => w.Scope is not null));
    }

    [Fact]
    public void TheDefinitionsEscalation_AppliesToEveryStepWithoutItsOwn_AndAStepsOwnReplacesIt()
    {
        var flow = Flow
            .Replace("promised: { workingDays: 10 } }", "promised: { workingDays: 10 }, escalation: [ { card: red, supervise: true } ] }", StringComparison.Ordinal)
            .Replace("limit: { workingHours: 2 } }", "limit: { workingHours: 2 }, escalation: [ { card: yellow, priority: high } ] }", StringComparison.Ordinal);
        var h = new FlowHarness(Catalog.Definition(flow), start: Monday).Start();

        Look(h, Monday.AddHours(1.5));
        Look(h, Monday.AddHours(2.5));
        var licence = Assert.Single(h.Commands.OfType<AnnounceEscalation>());
        Assert.Equal(("licence", "yellow", "high", false), (licence.StepId, licence.Card, licence.Priority, licence.Supervise));

        h.Approve("licence");
        Look(h, Monday.AddDays(2));
        var seal = h.Commands.OfType<AnnounceEscalation>().Last();
        Assert.Equal(("seal", "PSB", "red", null, true), (seal.StepId, seal.Department, seal.Card, seal.Priority, seal.Supervise));
        Assert.Equal(2, Escalations(h).Count());
    }

    [Fact]
    public void AClockThatStoodStill_GetsItsCardsLater_AndADecidedStepNone()
    {
        var h = Started();
        h.Now = Monday.AddHours(1);
        h.Apply(new StepExclusionStartedEvent("licence", 1, "inspection", "现场核查", "核查经营场所", null, "samr-clerk", h.Now));
        // Paused, and the bundle with it, its only open step standing still: no card to wait for, no timer.
        Assert.Null(h.State.NextWarningAt);
        Assert.Contains(h.Last!.Commands, c => c is CancelTimer { TimerId: "deadline-warnings" });

        Look(h, Monday.AddHours(2));
        Assert.Empty(Cards(h));
        h.Apply(new StepExclusionEndedEvent("licence", 1, "samr-clerk", Monday.AddHours(2)));
        // One office hour was used before the pause: yellow half an hour after it ends.
        Assert.Equal(Monday.AddHours(2.5), h.State.NextWarningAt);

        h.Now = Monday.AddHours(2.25);
        h.Approve("licence");
        Look(h, Monday.AddHours(2.75));
        Assert.DoesNotContain(Cards(h), c => c.StepId == "licence");
    }

    [Fact]
    public void WhateverTheTimesTheEngineLooks_EachCardIsGivenAtMostOnce_AndRedOnceTheDueTimeHasPassed() =>
        Gen.Int[0, 600].Array[1, 12].Sample(minutes =>
        {
            var h = Started();
            var at = Monday;
            foreach (var step in minutes)
            {
                at = at.AddMinutes(step);
                Look(h, at);
            }

            var cards = Cards(h).Select(c => (c.StepId, c.Data!["limit"], c.Data["level"])).ToList();
            Assert.Equal(cards.Count, cards.Distinct().Count());
            var licenceRed = cards.Contains(("licence", "promised", "red"));
            Assert.Equal(at >= Monday.AddHours(2), licenceRed);
            Assert.All((h.State.Warnings ?? []).Where(w => w.Level == WarningLevel.Red), w => Assert.True(w.At >= w.DueAt));
        });
}
