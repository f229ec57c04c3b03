using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Core.Tests.Bugs;

/// <summary>
/// Loading next year's arrangement counted a verification task (事后核查) again only on its own short limit: one whose
/// statutory twenty working days reached into the year loaded, while its five did not, kept the old statutory due
/// time at its department, with no audit line and no row among the due times the year moved.
/// </summary>
public sealed class Bug_10_VerificationStatutoryDueAnnounced
{
    /// <summary>Monday 7 December 2026: signed and approved at once, checked five working days later, in December.</summary>
    private static readonly DateTimeOffset Signed = new(2026, 12, 7, 9, 0, 0, TimeSpan.FromHours(8));

    private const string Text = "本单位承诺：城建档案于竣工验收后三个月内移交。";

    private static readonly DateTimeOffset VerifyAt = Catalog.Calendar.Add(Signed, WorkingTimeLimit.Days(5));

    /// <summary>The shipped calendar with 2027's New Year's Day off: a day in the year loaded, counted as a Friday before.</summary>
    internal static WorkingCalendar With2027() => new(Catalog.Calendar.Data with
    {
        Years = [.. Catalog.Calendar.Data.Years, new CalendarYear(2027, "测试用安排", [new HolidayPeriod("元旦", new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 1))], [])],
    });

    private static FlowHarness Verifying()
    {
        var h = new FlowHarness(Catalog.Definition($$"""
            id: verify-statutory
            title: 联合验收
            timeLimits: { statutory: { workingDays: 60 }, promised: { workingDays: 40 } }
            flow:
              - id: archive
                activity: department-task
                title: 城建档案验收
                department: ARCH
                limit: { workingDays: 5 }
                statutoryLimit: { workingDays: 20 }
                commitment: { text: "{{Text}}", verifyWithin: { workingDays: 5 } }
            """), start: Signed).Start();
        h.Apply(new CommitmentSignedEvent("archive", 1, CommitmentRules.Sha256Of(Text), "zhangsan", Signed));
        h.Now = VerifyAt;
        h.FireTimer("archive:verify", "archive");
        return h;
    }

    [Fact]
    public void AYearThatMovesOnlyTheStatutoryDueTime_IsAnnouncedToTheDepartment_AndAudited()
    {
        var h = Verifying();
        var task = Assert.Single(h.Last!.Commands.OfType<DispatchStep>());
        Assert.Equal(2026, task.DueAt.ToOffset(TimeSpan.FromHours(8)).Year);
        Assert.Equal(2027, task.Statutory!.DueAt!.Value.ToOffset(TimeSpan.FromHours(8)).Year);

        var changed = With2027();
        var statutoryAfter = changed.Add(VerifyAt, WorkingTimeLimit.Days(20));
        Assert.NotEqual(task.Statutory.DueAt, statutoryAfter);
        Assert.Equal(task.DueAt, changed.Add(VerifyAt, WorkingTimeLimit.Days(5)));
        h.Now = VerifyAt.AddHours(1);
        h.Calendar = changed;
        h.Apply(new CalendarChangedEvent("cn-mainland", "2027 年节假日安排已公布", "admin", 2027));

        var told = Assert.Single(h.Last!.Commands.OfType<AnnounceDue>(), a => a.StepId == "archive");
        Assert.Equal((task.Attempt, task.DueAt, statutoryAfter), (told.Attempt, told.DueAt!.Value, told.Statutory!.DueAt!.Value));
        Assert.Null(told.Statutory.Provisional);
        var audit = Assert.Single(h.Last.Audit, a => a.Type == AuditTypes.VerificationRecounted);
        Assert.Equal(
            (task.DueAt.ToString("O"), task.DueAt.ToString("O"), task.Statutory.DueAt.Value.ToString("O"), statutoryAfter.ToString("O")),
            (audit.Data!["before"], audit.Data["after"], audit.Data["statutoryBefore"], audit.Data["statutoryAfter"]));
    }

    [Fact]
    public void AYearTheTaskDoesNotCountThrough_MovesNothing_AndTellsNobody()
    {
        var h = Verifying();
        h.Calendar = With2027();
        h.Apply(new CalendarChangedEvent("cn-mainland", "2027 年节假日安排已公布", "admin", 2027));
        var told = h.Commands.OfType<AnnounceDue>().Count();

        h.Apply(new CalendarChangedEvent("cn-mainland", "2027 年节假日安排已公布", "admin", 2028));

        Assert.Equal(told, h.Commands.OfType<AnnounceDue>().Count());
        Assert.Single(h.Audit, a => a.Type == AuditTypes.VerificationRecounted);
    }
}
