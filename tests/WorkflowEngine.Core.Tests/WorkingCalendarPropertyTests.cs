using CsCheck;
using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Core.Tests;

/// <summary>
/// Laws of working-time arithmetic, checked over generated starts and amounts. Starts are mostly in 2024–2027, where
/// the holiday notices on file (and the years without one) meet; one property runs over the whole supported range.
/// <para>
/// Additivity holds for working hours, and for whole working days: the law counts a period from the day after the
/// start and ends it at the close of office, so the end of <c>a</c> days is where <c>b</c> more days start from. It does
/// not hold for fractions of a day (0.5 + 0.5 days is 7 office hours, 1 day is the next day's close), nor when a part
/// is zero days.
/// </para>
/// </summary>
public sealed class WorkingCalendarPropertyTests
{
    private static readonly WorkingCalendar Calendar = Catalog.Calendar;
    private static readonly DateTimeOffset Base = new(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));
    private const int FourYearsOfMinutes = 4 * 366 * 24 * 60;
    private const long Iterations = 20_000;

    /// <summary>Any minute from 2024 to 2027, given in Shanghai time or in UTC.</summary>
    private static readonly Gen<DateTimeOffset> Starts =
        Gen.Select(Gen.Int[0, FourYearsOfMinutes], Gen.Bool, (minutes, utc) => utc ? Base.AddMinutes(minutes).ToUniversalTime() : Base.AddMinutes(minutes));

    /// <summary>Up to forty working days' worth of office time, to the minute.</summary>
    private static readonly Gen<TimeSpan> Hours = Gen.Int[0, 40 * 7 * 60].Select(m => TimeSpan.FromMinutes(m));

    private static readonly Gen<int> WholeDays = Gen.Int[1, 40];

    /// <summary>0.1 to 40 working days in tenths: whole and fractional amounts.</summary>
    private static readonly Gen<decimal> Days = Gen.Int[1, 400].Select(t => t / 10m);

    private static bool InOfficeHours(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, Calendar.Zone);
        var date = DateOnly.FromDateTime(local.DateTime);
        var time = TimeOnly.FromDateTime(local.DateTime);
        return Calendar.IsWorkingDay(date) && Calendar.OfficeHours.Any(p => time >= p.Start && time <= p.End);
    }

    [Fact]
    public void AddWorkingHours_InTwoParts_EqualsAddingTheSumAtOnce() =>
        Gen.Select(Starts, Hours, Hours).Sample(
            (start, a, b) => Assert.Equal(Calendar.AddWorkingHours(start, a + b), Calendar.AddWorkingHours(Calendar.AddWorkingHours(start, a), b)),
            iter: Iterations);

    [Fact]
    public void AddWorkingDays_InTwoWholeParts_EqualsAddingTheSumAtOnce() =>
        Gen.Select(Starts, WholeDays, WholeDays).Sample(
            (start, a, b) => Assert.Equal(Calendar.AddWorkingDays(start, a + b), Calendar.AddWorkingDays(Calendar.AddWorkingDays(start, a), b)),
            iter: Iterations);

    [Fact]
    public void DueTime_NeverGoesBackwards_WhenTheStartMovesLater() =>
        Gen.Select(Starts, Gen.Int[0, 3 * 24 * 60], Days).Sample(
            (start, later, days) => Assert.True(Calendar.Add(start, WorkingTimeLimit.Days(days)) <= Calendar.Add(start.AddMinutes(later), WorkingTimeLimit.Days(days))),
            iter: Iterations);

    [Fact]
    public void DueTime_NeverGoesBackwards_WhenTheHoursGrow() =>
        Gen.Select(Starts, Hours, Hours).Sample(
            (start, a, more) => Assert.True(Calendar.AddWorkingHours(start, a) <= Calendar.AddWorkingHours(start, a + more)),
            iter: Iterations);

    [Fact]
    public void DueTime_NeverGoesBackwards_WhenTheDaysGrow() =>
        Gen.Select(Starts, Days, Gen.Int[0, 15]).Sample(
            (start, less, tenths) =>
            {
                // Close amounts, many of them across a whole day: where counting by the law meets counting office hours.
                var more = less + tenths / 10m;
                var early = Calendar.Add(start, WorkingTimeLimit.Days(less));
                var late = Calendar.Add(start, WorkingTimeLimit.Days(more));
                Assert.True(early <= late, $"{less} days from {start:O} end at {early:O}, {more} days at {late:O}");
            },
            iter: Iterations);

    [Fact]
    public void DueTime_IsInOfficeHoursOnAWorkingDay_AndAfterTheStart() =>
        Gen.Select(Starts, Days, Gen.Int[1, 40 * 7 * 60], Gen.Bool).Sample(
            (start, days, minutes, inDays) =>
            {
                var limit = inDays ? WorkingTimeLimit.Days(days) : WorkingTimeLimit.Hours(minutes / 60m);
                var due = Calendar.Add(start, limit);
                Assert.True(InOfficeHours(due), $"{limit} from {start:O} is due at {due:O}");
                Assert.True(due > start);
            },
            iter: Iterations);

    [Fact]
    public void AnywhereInTheSupportedRange_DueTimesAreInOfficeHoursAndAfterTheStart()
    {
        var first = WorkingCalendar.FirstSupportedDate.DayNumber;
        var last = new DateOnly(2199, 12, 31).DayNumber;
        Gen.Select(Gen.Int[first, last], Gen.Int[0, (24 * 60) - 1], Days).Sample(
            (day, minute, days) =>
            {
                var start = new DateTimeOffset(DateOnly.FromDayNumber(day).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddMinutes(minute);
                var due = Calendar.Add(start, WorkingTimeLimit.Days(days));
                Assert.True(InOfficeHours(due), $"{days} days from {start:O} is due at {due:O}");
                Assert.True(due > start);
            },
            iter: Iterations);
    }
}
