using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Core.Tests.Bugs;

/// <summary>
/// The warning watch worked out its own yellow and red times and read none while a clock stood still, while the card
/// the pages and the API show (<see cref="ClockCards"/>) keeps the level a paused clock had reached. A clock paused
/// after it had passed its yellow (or red) point, before the watch's timer came round, showed a yellow card that was
/// never given: no audit, no word to the department, no escalation, until the clock ran again.
/// </summary>
public sealed class Bug_10_WarningsFollowTheCardsShown
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    /// <summary>A step of two office hours from Monday 09:00: yellow at 10:30, red at 11:00.</summary>
    private static FlowHarness Started() => new FlowHarness(Catalog.Definition("""
        id: warn-pause
        title: 测试
        timeLimits: { statutory: { workingDays: 20 }, promised: { workingDays: 10 } }
        flow:
          - { id: licence, activity: department-task, title: 营业执照, department: SAMR, limit: { workingHours: 2 } }
        """), start: Monday).Start();

    private static FlowHarness PausedAt(DateTimeOffset at)
    {
        var h = Started();
        h.Now = at;
        h.Apply(new StepExclusionStartedEvent("licence", 1, "inspection", "现场核查", "核查经营场所", null, "samr-clerk", at));
        Assert.Equal(ClockStatus.Paused, ClockTimeline.Of(h.Step("licence")!.Clock).Status);
        return h;
    }

    private static LimitCard CardShown(FlowHarness h) =>
        ClockCards.Of(ApplicationClocks.Of(h.Definition, h.State, Catalog.Activities).Single(c => c.Id == "licence"), h.Calendar, h.Now).Promised!;

    private static List<string> Given(FlowHarness h) =>
        [.. h.Audit.Where(a => a.Type == "DeadlineWarning" && a.StepId == "licence").Select(a => a.Data!["level"]!)];

    [Fact]
    public void AClockPausedPastItsYellowPoint_GetsTheYellowCardItShows_WhenThePauseIsRecorded()
    {
        // The timer for 10:30 had not come round when the inspection began at 10:45.
        var h = PausedAt(Monday.AddHours(1.75));

        var shown = CardShown(h);
        Assert.Equal((WarningLevel.Yellow, Monday.AddHours(1.5)), (shown.Level, shown.YellowAt));
        Assert.Equal(["yellow"], Given(h));
        var told = Assert.Single(h.Last!.Commands.OfType<AnnounceWarning>());
        Assert.Equal(("licence", "SAMR", WarningLevel.Yellow), (told.StepId, told.Department, told.Level));

        // Standing still, it turns no further, and the watch waits for nothing.
        h.Now = Monday.AddDays(3);
        h.FireTimer("deadline-warnings", h.Definition.Flow.Id);
        Assert.Equal(WarningLevel.Yellow, CardShown(h).Level);
        Assert.Equal(["yellow"], Given(h));
        Assert.Null(h.State.NextWarningAt);
    }

    [Fact]
    public void AClockPausedPastItsDueTime_GetsTheRedCardItShows_WhenThePauseIsRecorded()
    {
        var h = PausedAt(Monday.AddHours(2.5));

        Assert.Equal(WarningLevel.Red, CardShown(h).Level);
        Assert.Equal(["red"], Given(h));
        var red = Assert.Single(h.State.Warnings!, w => w.Clock == "licence");
        Assert.Equal(Monday.AddHours(2), red.DueAt);
    }

    [Fact]
    public void AClockPausedShortOfItsYellowPoint_ShowsAndGetsNoCard_UntilItHasRunThereAfterTheResume()
    {
        var h = PausedAt(Monday.AddHours(1));
        Assert.Equal(WarningLevel.None, CardShown(h).Level);
        Assert.Empty(Given(h));

        h.Now = Monday.AddHours(2);
        h.Apply(new StepExclusionEndedEvent("licence", 1, "samr-clerk", h.Now));
        // Half an office hour more to yellow, as the card says.
        Assert.Equal(Monday.AddHours(2.5), CardShown(h).YellowAt);
        Assert.Equal(Monday.AddHours(2.5), h.State.NextWarningAt);
        h.Now = Monday.AddHours(2.5);
        h.FireTimer("deadline-warnings", h.Definition.Flow.Id);
        Assert.Equal(WarningLevel.Yellow, CardShown(h).Level);
        Assert.Equal(["yellow"], Given(h));
    }
}
