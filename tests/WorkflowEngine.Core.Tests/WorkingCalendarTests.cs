using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Core.Tests;

public sealed class WorkingCalendarTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);
    private readonly WorkingCalendar _calendar = Catalog.Calendar;

    private static DateTimeOffset At(int y, int m, int d, int h, int min = 0) => new(y, m, d, h, min, 0, Cst);

    [Fact]
    public void AddWorkingDays_AcrossSpringFestival2026_CountsTheMakeUpSaturdayAndSkipsTheHoliday()
    {
        // Friday 13 Feb; Saturday 14 Feb is a make-up workday; 15–23 Feb are the Spring Festival holiday.
        var due = _calendar.AddWorkingDays(At(2026, 2, 13, 10), 3);

        Assert.Equal(At(2026, 2, 25, 17, 30), due);
    }

    [Fact]
    public void AddWorkingDays_AcrossNationalDay2025_CountsBothMakeUpDays()
    {
        // Friday 26 Sep 2025: Sunday 28 Sep is worked, 1–8 Oct are off, Saturday 11 Oct is worked.
        Assert.Equal(At(2025, 9, 29, 17, 30), _calendar.AddWorkingDays(At(2025, 9, 26, 9), 2));
        Assert.Equal(At(2025, 10, 11, 17, 30), _calendar.AddWorkingDays(At(2025, 9, 30, 9), 3));
    }

    [Fact]
    public void AddWorkingDays_AcrossNationalDay2024()
    {
        // Monday 30 Sep 2024: 1–7 Oct off, then Tue 8 .. Fri 11 and the make-up Saturday 12 Oct.
        Assert.Equal(At(2024, 10, 12, 17, 30), _calendar.AddWorkingDays(At(2024, 9, 30, 15), 5));
    }

    [Fact]
    public void AddWorkingDays_DoesNotCountTheStartingDay()
    {
        Assert.Equal(At(2026, 3, 3, 17, 30), _calendar.AddWorkingDays(At(2026, 3, 2, 9), 1));
        Assert.Equal(At(2026, 3, 3, 17, 30), _calendar.AddWorkingDays(At(2026, 3, 2, 17, 29), 1));
    }

    [Fact]
    public void AddWorkingHours_RunsOnlyThroughOfficeHours_SkippingLunch()
    {
        Assert.Equal(At(2026, 3, 2, 14), _calendar.AddWorkingHours(At(2026, 3, 2, 11, 30), TimeSpan.FromHours(1)));
    }

    [Fact]
    public void AddWorkingHours_FromOutsideOfficeHours_StartsAtTheNextOpening()
    {
        Assert.Equal(At(2026, 3, 2, 11), _calendar.AddWorkingHours(At(2026, 3, 2, 7), TimeSpan.FromHours(2)));
        Assert.Equal(At(2026, 3, 3, 10), _calendar.AddWorkingHours(At(2026, 3, 2, 20), TimeSpan.FromHours(1)));
    }

    [Fact]
    public void AddWorkingHours_IntoTheMakeUpSaturdayAndOverTheHoliday()
    {
        Assert.Equal(At(2026, 2, 14, 10, 30), _calendar.AddWorkingHours(At(2026, 2, 13, 17), TimeSpan.FromHours(2)));
        Assert.Equal(At(2026, 2, 24, 9, 30), _calendar.AddWorkingHours(At(2026, 2, 14, 17), TimeSpan.FromHours(1)));
    }

    [Fact]
    public void AddWorkingHours_GivenUtc_AnswersTheSameInstant()
    {
        var fromUtc = new DateTimeOffset(2026, 3, 2, 3, 30, 0, TimeSpan.Zero); // 11:30 in Shanghai
        Assert.Equal(At(2026, 3, 2, 14), _calendar.AddWorkingHours(fromUtc, TimeSpan.FromHours(1)));
    }

    [Fact]
    public void Add_HalfAWorkingDay_IsHalfTheOfficeHours()
    {
        Assert.Equal(7, _calendar.HoursPerDay);
        Assert.Equal(At(2026, 3, 2, 14), _calendar.Add(At(2026, 3, 2, 9), WorkingTimeLimit.Days(0.5m)));
    }

    [Fact]
    public void Describe_NamesTheReasonForEachDay()
    {
        Assert.Equal(new CalendarDay(new DateOnly(2026, 2, 14), DayKind.MakeUpWorkday, "春节", true) { Source = "cn-mainland" }, _calendar.Describe(new DateOnly(2026, 2, 14)));
        Assert.Equal(new CalendarDay(new DateOnly(2026, 2, 21), DayKind.Holiday, "春节", true) { Source = "cn-mainland" }, _calendar.Describe(new DateOnly(2026, 2, 21)));
        Assert.Equal(DayKind.Weekend, _calendar.Describe(new DateOnly(2026, 3, 7)).Kind);
        Assert.Equal(DayKind.Workday, _calendar.Describe(new DateOnly(2026, 3, 9)).Kind);
        Assert.Equal(DayKind.Holiday, _calendar.Describe(new DateOnly(2025, 10, 8)).Kind);
        Assert.Equal("国庆节、中秋节", _calendar.Describe(new DateOnly(2025, 10, 8)).Name);
    }

    [Fact]
    public void Describe_AYearWithoutANotice_IsMarkedNotAnnounced()
    {
        var day = _calendar.Describe(new DateOnly(2027, 1, 4));

        Assert.False(day.Announced);
        Assert.True(day.IsWorkingDay);
    }

    [Fact]
    public void EveryAnnouncedYear_Has7HolidaysOrMore_AndMakeUpDaysOnWeekends()
    {
        Assert.Equal([2024, 2025, 2026], _calendar.AnnouncedYears.Order());
        foreach (var year in _calendar.Data.Years)
        {
            Assert.True(year.Holidays.Count >= 6, $"{year.Year} has {year.Holidays.Count} holidays");
            Assert.All(year.MakeUpWorkdays, m => Assert.True(m.Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday));
        }
    }

    [Fact]
    public void WorkingTimeBetween_CountsOnlyOfficeTime()
    {
        Assert.Equal(TimeSpan.FromHours(7), _calendar.WorkingTimeBetween(At(2026, 3, 2, 0), At(2026, 3, 3, 0)));
        Assert.Equal(TimeSpan.Zero, _calendar.WorkingTimeBetween(At(2026, 2, 15, 0), At(2026, 2, 24, 0)));
        Assert.Equal(TimeSpan.FromHours(1), _calendar.WorkingTimeBetween(At(2026, 3, 2, 11, 30), At(2026, 3, 2, 14)));
    }
}
