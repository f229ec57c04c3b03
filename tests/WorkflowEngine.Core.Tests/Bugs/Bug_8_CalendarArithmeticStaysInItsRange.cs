using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Core.Tests.Bugs;

/// <summary>
/// Near year 9999 the calendar's date arithmetic overflowed deep inside a loop (and <see cref="WorkingCalendar.Days"/>
/// only after it had yielded part of its answer). It refuses instants outside the range it supports, up front, saying
/// which range that is.
/// </summary>
public sealed class Bug_8_CalendarArithmeticStaysInItsRange
{
    private static readonly WorkingCalendar Calendar = Catalog.Calendar;
    private static readonly DateTimeOffset NearTheEnd = new(9999, 12, 30, 10, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Add_NearYear9999_IsRefusedNamingTheSupportedRange()
    {
        var days = Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.Add(NearTheEnd, WorkingTimeLimit.Days(2)));
        var hours = Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.Add(NearTheEnd, WorkingTimeLimit.Hours(20)));

        Assert.Contains("2299-12-31", days.Message);
        Assert.Contains("2299-12-31", hours.Message);
    }

    [Fact]
    public void Days_UpToTheLastDateOfAllDates_IsRefusedBeforeYieldingAnything()
    {
        var yielded = 0;

        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
        {
            foreach (var _ in Calendar.Days(new DateOnly(9999, 12, 1), DateOnly.MaxValue))
            {
                yielded++;
            }
        });

        Assert.Equal(0, yielded);
        Assert.Contains("2299-12-31", error.Message);
    }

    [Fact]
    public void Add_ThatWouldEndPastTheRange_IsRefused()
    {
        var start = new DateTimeOffset(2299, 12, 1, 10, 0, 0, TimeSpan.FromHours(8));

        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.AddWorkingDays(start, 100));
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.Add(start, WorkingTimeLimit.Days(1_000_000_000_000m)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.Add(start, WorkingTimeLimit.Hours(decimal.MaxValue)));
        // Friday 1 December 2299: the next working day is Monday the 4th.
        Assert.Equal(new DateTimeOffset(2299, 12, 4, 17, 30, 0, TimeSpan.FromHours(8)), Calendar.AddWorkingDays(start, 1));
    }

    [Fact]
    public void WorkingTimeBetween_AcrossTheEndOfAllDates_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.WorkingTimeBetween(NearTheEnd, DateTimeOffset.MaxValue));
}
