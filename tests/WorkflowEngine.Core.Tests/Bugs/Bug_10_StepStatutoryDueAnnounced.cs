using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Core.Tests.Bugs;

/// <summary>
/// Loading next year's arrangement counted a department step again only when the year reached its promised due time:
/// a step promised within December whose statutory limit ran into January kept its old statutory due time in the
/// engine's row and at its department (the calendar-year preview listed it as moved, the real load told nobody), so the
/// statistics counted it red against the statutory limit a working day early.
/// </summary>
public sealed class Bug_10_StepStatutoryDueAnnounced
{
    /// <summary>Monday 28 December 2026: promised in one working day (in December), statutory in five (into January).</summary>
    private static readonly DateTimeOffset Submitted = new(2026, 12, 28, 9, 0, 0, TimeSpan.FromHours(8));

    private static FlowHarness Licensing() => new FlowHarness(Catalog.Definition("""
        id: statutory-into-next-year
        title: 许可
        timeLimits: { statutory: { workingDays: 20 }, promised: { workingDays: 10 } }
        flow:
          - id: licence
            activity: department-task
            title: 许可审查
            department: SAMR
            limit: { workingDays: 1 }
            statutoryLimit: { workingDays: 5 }
        """), start: Submitted).Start();

    [Fact]
    public void AYearThatMovesOnlyAStepsStatutoryDueTime_IsAnnouncedToTheDepartment()
    {
        var h = Licensing();
        var task = Assert.Single(h.Commands.OfType<DispatchStep>());
        Assert.Equal(2026, task.DueAt.ToOffset(TimeSpan.FromHours(8)).Year);
        Assert.Equal(2027, task.Statutory!.DueAt!.Value.ToOffset(TimeSpan.FromHours(8)).Year);

        Assert.Equal(Catalog.Calendar.Add(Submitted, WorkingTimeLimit.Days(5)), task.Statutory.DueAt);
        var changed = Bug_10_VerificationStatutoryDueAnnounced.With2027();
        var statutoryAfter = changed.Add(Submitted, WorkingTimeLimit.Days(5));
        Assert.NotEqual(task.Statutory.DueAt, statutoryAfter);
        Assert.Equal(task.DueAt, changed.Add(Submitted, WorkingTimeLimit.Days(1)));
        h.Now = Submitted.AddHours(1);
        h.Calendar = changed;
        h.Apply(new CalendarChangedEvent("cn-mainland", "2027 年节假日安排已公布", "admin", 2027));

        var told = Assert.Single(h.Last!.Commands.OfType<AnnounceDue>(), a => a.StepId == "licence");
        Assert.Equal((task.Attempt, task.DueAt, statutoryAfter), (told.Attempt, told.DueAt!.Value, told.Statutory!.DueAt!.Value));
        Assert.Null(told.Statutory.Provisional);
    }

    [Fact]
    public void AYearTheStepDoesNotCountThrough_TellsNobody()
    {
        var h = Licensing();
        h.Calendar = Bug_10_VerificationStatutoryDueAnnounced.With2027();
        h.Apply(new CalendarChangedEvent("cn-mainland", "2028 年节假日安排已公布", "admin", 2028));

        Assert.Empty(h.Last!.Commands.OfType<AnnounceDue>());
    }
}
