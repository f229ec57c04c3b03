using CsCheck;
using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Definitions;
using WorkflowEngine.Definitions.Calendars;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Core.Tests;

/// <summary>
/// A regional or service-hall calendar that inherits cn-mainland: with no changes of its own it counts exactly as its
/// parent, and a year loaded into the parent is loaded into it, so its due times through that year stop being provisional.
/// </summary>
public sealed class CalendarInheritancePropertyTests
{
    private static readonly CalendarData Parent = CalendarLoader.Load(Path.Combine(RepositoryPaths.Definitions, "calendars", "cn-mainland"));
    private static readonly DateTimeOffset Base = new(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));
    private const int FourYearsOfMinutes = 4 * 366 * 24 * 60;

    /// <summary>A test arrangement for 2027 (not the State Council's): 元旦 on Friday 1 January, 春节 in February with a worked Saturday.</summary>
    private static readonly CalendarYear Test2027 = new(
        2027,
        "测试用安排（非官方通知）",
        [new HolidayPeriod("元旦", new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 3)), new HolidayPeriod("春节", new DateOnly(2027, 2, 6), new DateOnly(2027, 2, 13))],
        [new MakeUpWorkday(new DateOnly(2027, 2, 20), "春节")]);

    private static readonly Gen<DateTimeOffset> Starts =
        Gen.Select(Gen.Int[0, FourYearsOfMinutes], Gen.Bool, (minutes, utc) => utc ? Base.AddMinutes(minutes).ToUniversalTime() : Base.AddMinutes(minutes));

    /// <summary>Whole or fractional working days, or working hours: every kind of limit a definition sets.</summary>
    private static readonly Gen<WorkingTimeLimit> Limits = Gen.OneOf(
        Gen.Int[1, 400].Select(t => WorkingTimeLimit.Days(t / 10m)),
        Gen.Int[1, 40 * 7 * 60].Select(m => new WorkingTimeLimit { WorkingHours = m / 60m }));

    private static CalendarData Child(string id = "cn-hall", IReadOnlyList<OfficePeriod>? office = null, params CalendarYear[] changes) =>
        new(id, "测试大厅", "", office ?? [], []) { Inherits = "cn-mainland", Changes = changes };

    private static ReferenceData Reference(params CalendarData[] children) => new([], [Parent, .. children]);

    [Fact]
    public void AChildWithNoChangesOfItsOwn_CountsExactlyLikeItsParent_ForAnyStartAndLimit()
    {
        var reference = Reference(Child());
        var parent = reference.Calendar("cn-mainland");
        var child = reference.Calendar("cn-hall");
        Assert.Equal(parent.Version, child.Version);
        Gen.Select(Starts, Limits).Sample(
            (start, limit) =>
            {
                var due = parent.Add(start, limit);
                Assert.Equal(due, child.Add(start, limit));
                Assert.Equal(parent.WorkingTimeBetween(start, due), child.WorkingTimeBetween(start, due));
                var date = parent.DateOf(start);
                Assert.Equal((parent.Describe(date).Kind, parent.Describe(date).Announced), (child.Describe(date).Kind, child.Describe(date).Announced));
                Assert.Equal(ProvisionalDue.Of(parent, start, due)?.MissingYears, ProvisionalDue.Of(child, start, due)?.MissingYears);
            },
            iter: 20_000);
    }

    [Fact]
    public void LoadingAYearIntoTheParent_MakesTheChildsDueTimesThroughItFinal_AndCountedAsTheParentCounts() =>
        Gen.Select(Gen.Int[0, 31 * 24 * 60 - 1], Gen.Int[1, 40], Gen.Bool).Sample(
            (minutes, days, ownHours) =>
            {
                // December 2026, when 2027's notice is not yet on file; the child's office hours its own or its parent's.
                var start = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(8)).AddMinutes(minutes);
                var reference = Reference(Child(office: ownHours ? [new(new TimeOnly(9, 0), new TimeOnly(12, 0)), new(new TimeOnly(13, 0), new TimeOnly(18, 0))] : null));
                var limit = WorkingTimeLimit.Days(days);
                var before = reference.Calendar("cn-hall").Add(start, limit);
                Assert.Equal(before.Year >= 2027, ProvisionalDue.Of(reference.Calendar("cn-hall"), start, before) is not null);

                reference.LoadYear("cn-mainland", Test2027);

                var child = reference.Calendar("cn-hall");
                var parent = reference.Calendar("cn-mainland");
                var after = child.Add(start, limit);
                Assert.Null(ProvisionalDue.Of(child, start, after));
                Assert.Contains(2027, child.AnnouncedYears);
                Assert.Equal(parent.DateOf(parent.Add(start, limit)), child.DateOf(after));
                Assert.True(after >= before, $"{days} days from {start:O}: {before:O} before 2027 was loaded, {after:O} after");
            },
            iter: 2_000);

    [Fact]
    public void AChildsOwnDays_GoOverItsParents_WithoutAnnouncingAYear()
    {
        // A local holiday in 2027, and a worked Sunday in 2026 inside the parent's 国庆节 (test data, not a real notice).
        var own2027 = new CalendarYear(2027, "测试用", [new HolidayPeriod("地方节日", new DateOnly(2027, 4, 8), new DateOnly(2027, 4, 9))], []);
        var own2026 = new CalendarYear(2026, "测试用", [], [new MakeUpWorkday(new DateOnly(2026, 10, 4), "地方调休")]);
        var reference = Reference(Child(changes: [own2026, own2027]));
        var child = reference.Calendar("cn-hall");

        Assert.Equal((DayKind.Holiday, "地方节日", false, "cn-hall"), Describe(child, new DateOnly(2027, 4, 8)));
        Assert.Equal((DayKind.MakeUpWorkday, "地方调休", true, "cn-hall"), Describe(child, new DateOnly(2026, 10, 4)));
        Assert.Equal((DayKind.Holiday, "国庆节", true, "cn-mainland"), Describe(child, new DateOnly(2026, 10, 5)));
        Assert.Equal([2027], child.UnannouncedYears(new DateOnly(2027, 4, 8), new DateOnly(2027, 4, 9)));
        Assert.Equal(DayKind.Holiday, reference.Calendar("cn-mainland").Describe(new DateOnly(2026, 10, 4)).Kind);
        Assert.Equal(DayKind.Workday, reference.Calendar("cn-mainland").Describe(new DateOnly(2027, 4, 8)).Kind);

        // Loading 2027 into the parent announces it for the child, whose own days stay.
        reference.LoadYear("cn-mainland", Test2027);
        child = reference.Calendar("cn-hall");
        Assert.Equal((DayKind.Holiday, "地方节日", true, "cn-hall"), Describe(child, new DateOnly(2027, 4, 8)));
        Assert.Equal((DayKind.Holiday, "元旦", true, "cn-mainland"), Describe(child, new DateOnly(2027, 1, 1)));
        Assert.Equal(["cn-mainland", "cn-hall"], reference.Following("cn-mainland").Select(c => c.Id));
    }

    [Fact]
    public void AnInheritingCalendar_AsADepartmentHostReceivesIt_CountsTheSame()
    {
        // GET /api/calendars/{id} sends the resolved data; the department host builds its calendar from it alone.
        var own = new CalendarYear(2026, "测试用", [new HolidayPeriod("地方节日", new DateOnly(2026, 4, 20), new DateOnly(2026, 4, 21))], []);
        var child = Reference(Child(changes: [own])).Calendar("cn-hall");

        var copy = new WorkingCalendar(System.Text.Json.JsonSerializer.Deserialize<CalendarData>(
            System.Text.Json.JsonSerializer.Serialize(child.Data, System.Text.Json.JsonSerializerOptions.Web), System.Text.Json.JsonSerializerOptions.Web)!);

        Assert.Equal(child.Version, copy.Version);
        Assert.Equal(child.AnnouncedYears.Order(), copy.AnnouncedYears.Order());
        Assert.Equal(child.Describe(new DateOnly(2026, 4, 20)), copy.Describe(new DateOnly(2026, 4, 20)));
        Assert.Equal(child.Describe(new DateOnly(2026, 10, 1)), copy.Describe(new DateOnly(2026, 10, 1)));
        Assert.Equal("cn-mainland", copy.Data.YearsFrom);
    }

    [Fact]
    public void Resolve_RefusesAnUnknownParentAndACycle()
    {
        Assert.Contains("unknown calendar 'nowhere'", Assert.Throws<ArgumentException>(() =>
            CalendarInheritance.Resolve([Parent, Child() with { Inherits = "nowhere" }])).Message, StringComparison.Ordinal);
        Assert.Contains("inherits from itself", Assert.Throws<ArgumentException>(() =>
            CalendarInheritance.Resolve([Child("a") with { Inherits = "b" }, Child("b") with { Inherits = "a" }])).Message, StringComparison.Ordinal);
    }

    private static (DayKind, string?, bool, string?) Describe(WorkingCalendar calendar, DateOnly date) =>
        calendar.Describe(date) is var d ? (d.Kind, d.Name, d.Announced, d.Source) : default;
}
