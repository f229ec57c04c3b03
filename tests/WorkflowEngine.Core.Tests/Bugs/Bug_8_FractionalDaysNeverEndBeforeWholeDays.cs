using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Core.Tests.Bugs;

/// <summary>
/// Found by <see cref="WorkingCalendarPropertyTests.DueTime_NeverGoesBackwards_WhenTheDaysGrow"/>: whole days were
/// counted as the law counts them (from the next day, to the close of office) but 25.4 days ran as 177.8 office hours
/// from the start, so a longer limit fell due earlier, and a few ticks off the minute. The whole days of a fractional
/// limit are now counted as whole days, and the fraction runs through office hours after them, to the tick.
/// </summary>
public sealed class Bug_8_FractionalDaysNeverEndBeforeWholeDays
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);
    private static readonly WorkingCalendar Calendar = Catalog.Calendar;

    [Fact]
    public void ShrunkCounterexample_25Point4Days_EndAfter25Days()
    {
        var start = new DateTimeOffset(2024, 1, 15, 5, 26, 0, Cst);

        var whole = Calendar.Add(start, WorkingTimeLimit.Days(25));
        var more = Calendar.Add(start, WorkingTimeLimit.Days(25.4m));

        Assert.Equal(new DateTimeOffset(2024, 2, 22, 17, 30, 0, Cst), whole);
        // The fraction (0.4 × 7 h = 2 h 48 min) runs from the next opening after the 25th day.
        Assert.Equal(new DateTimeOffset(2024, 2, 23, 11, 48, 0, Cst), more);
    }

    [Fact]
    public void LessThanADay_StillRunsThroughOfficeHoursFromTheStart()
    {
        // The example of docs/definitions.md: 16:00–17:30, then 09:00–11:00.
        Assert.Equal(
            new DateTimeOffset(2025, 9, 30, 11, 0, 0, Cst),
            Calendar.Add(new DateTimeOffset(2025, 9, 29, 16, 0, 0, Cst), WorkingTimeLimit.Days(0.5m)));
    }

    [Fact]
    public void DaysAndAFraction_AsDocsDefinitionsShows()
    {
        Assert.Equal(
            new DateTimeOffset(2025, 10, 9, 14, 0, 0, Cst),
            Calendar.Add(new DateTimeOffset(2025, 9, 29, 10, 0, 0, Cst), WorkingTimeLimit.Days(1.5m)));
    }

    [Fact]
    public void Fractions_AreExactToTheTick()
    {
        var start = new DateTimeOffset(2026, 3, 2, 9, 0, 0, Cst);

        Assert.Equal(new DateTimeOffset(2026, 3, 2, 11, 6, 0, Cst), Calendar.Add(start, WorkingTimeLimit.Days(0.3m)));
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 9, 6, 0, Cst), Calendar.Add(start, WorkingTimeLimit.Hours(0.1m)));
    }
}
