using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Core.Tests.Bugs;

/// <summary>
/// The engine remembered the cards it gave by clock, limit and colour only. A step whose red card came just before
/// an extension approved in time reached the engine had its due time moved to the next day, and when it ran late again
/// no red came: the supervisors never heard that it was late a second time.
/// </summary>
public sealed class Bug_10_RedComesAgainForANewDueTime
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    /// <summary>A step of two office hours from Monday 09:00: yellow at 10:30, red at 11:00.</summary>
    private static FlowHarness Started() => new FlowHarness(Catalog.Definition("""
        id: warn-extended
        title: 测试
        timeLimits: { statutory: { workingDays: 20 }, promised: { workingDays: 10 } }
        flow:
          - { id: licence, activity: department-task, title: 营业执照, department: SAMR, limit: { workingHours: 2 } }
        """), start: Monday).Start();

    private static FlowHarness Look(FlowHarness h, DateTimeOffset at)
    {
        h.Now = at;
        return h.FireTimer("deadline-warnings", h.Definition.Flow.Id);
    }

    private static List<(string Level, string Due)> Given(FlowHarness h) =>
        [.. h.Audit.Where(a => a.Type == "DeadlineWarning" && a.StepId == "licence").Select(a => (a.Data!["level"]!, a.Data["dueAt"]!))];

    [Fact]
    public void AStepRedBeforeItsExtensionArrived_GetsANewRedOnce_WhenItRunsLateAgain()
    {
        var h = Started();
        Look(h, Monday.AddHours(1.5));
        Look(h, Monday.AddHours(2));
        Assert.Equal(["yellow", "red"], Given(h).Select(g => g.Level));

        // Approved at 10:59, within the limit; the report reached the engine at 11:05, after the red.
        h.Now = Monday.AddHours(2).AddMinutes(5);
        h.Apply(new StepExtendedEvent("licence", 1, Guid.NewGuid(), WorkingTimeLimit.Days(1), "需实地核查经营场所", "samr-clerk", "samr-supervisor",
            Monday.AddHours(2).AddMinutes(-1)) { Department = "SAMR" });
        var tuesday = new DateTimeOffset(2026, 3, 3, 11, 0, 0, TimeSpan.FromHours(8));
        Assert.Equal(tuesday, h.Step("licence")!.DueAt);
        Assert.Equal(2, Given(h).Count);

        // Late again at 11:00 on Tuesday: a red for that due time, once, also when the timer comes again.
        Look(h, tuesday);
        Look(h, tuesday);
        Look(h, tuesday.AddHours(1));
        var reds = Given(h).Where(g => g.Level == "red").ToList();
        Assert.Equal(2, reds.Count);
        Assert.Equal(tuesday, DateTimeOffset.Parse(reds[1].Due, System.Globalization.CultureInfo.InvariantCulture));
        var told = h.Commands.OfType<AnnounceWarning>().Where(w => w.Level == WarningLevel.Red).ToList();
        Assert.Equal([Monday.AddHours(2), tuesday], told.Select(w => w.DueAt));
    }

    [Fact]
    public void AStepYellowBeforeItsExtension_GetsItsYellowAgain_AtThreeQuartersOfTheLongerLimit()
    {
        var h = Started();
        Look(h, Monday.AddHours(1.5));
        h.Now = Monday.AddHours(1.75);
        h.Apply(new StepExtendedEvent("licence", 1, Guid.NewGuid(), WorkingTimeLimit.Hours(1), "需实地核查经营场所", "samr-clerk", "samr-supervisor", h.Now)
            { Department = "SAMR" });

        // Three office hours from 09:00: three quarters are used at 11:15, due at 12:00.
        var yellowAt = Monday.AddHours(2.25);
        Assert.Equal(yellowAt, h.State.NextWarningAt);
        Look(h, yellowAt);
        Look(h, yellowAt);
        Assert.Equal(["yellow", "yellow"], Given(h).Select(g => g.Level));
    }
}
