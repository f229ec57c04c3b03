using System.Globalization;
using CsCheck;
using WorkflowEngine.Calendars;
using WorkflowEngine.Definitions.Calendars;

namespace WorkflowEngine.Definitions.Tests;

/// <summary>
/// A year's arrangement may name days up to a month into the neighbouring years, and the calendar counts a date with
/// the last year loaded that names it. So an arrangement naming a date that an already-loaded neighbour names
/// differently is refused at its key, with the day and both values; one that agrees, or names a date the neighbour
/// leaves alone, is accepted, and the calendar then counts the same whichever year was loaded first.
/// </summary>
public sealed class CalendarYearClashProperties
{
    /// <summary>A day at the end of 2026, within 2027's reach.</summary>
    private static readonly Gen<DateOnly> LateDecember = Gen.Int[0, 30].Select(n => new DateOnly(2026, 12, 1).AddDays(n));

    /// <summary>What a year may say of a day: nothing, a holiday of a name, or a make-up workday (a weekend only) for a holiday.</summary>
    private static Gen<(DayKind Kind, string Name)?> Said(DateOnly date) => Gen.Select(
        Gen.Int[0, date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 2 : 1], Gen.OneOf("元旦", "春节"),
        (kind, name) => kind switch
        {
            0 => ((DayKind, string)?)null,
            1 => (DayKind.Holiday, name),
            _ => (DayKind.MakeUpWorkday, name),
        });

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>2026 as loaded: New Year's Day, and what it says of the day.</summary>
    private static CalendarYear Loaded2026(DateOnly date, (DayKind Kind, string Name)? said) => new(
        2026, "2026 年安排",
        [new HolidayPeriod("元旦", new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 3)), new HolidayPeriod("春节", new DateOnly(2026, 2, 15), new DateOnly(2026, 2, 23)),
            .. said is { Kind: DayKind.Holiday } h ? [new HolidayPeriod(h.Name, date, date)] : Array.Empty<HolidayPeriod>()],
        said is { Kind: DayKind.MakeUpWorkday } m ? [new MakeUpWorkday(date, m.Name)] : []);

    /// <summary>2027's text: its own New Year's Day and Spring Festival, and what it says of the day in 2026.</summary>
    private static string Text2027(DateOnly date, (DayKind Kind, string Name)? said) =>
        "year: 2027\nholidays:\n  - { name: 元旦, from: 2027-01-01, to: 2027-01-01 }\n  - { name: 春节, from: 2027-02-06, to: 2027-02-13 }\n"
        + (said is { Kind: DayKind.Holiday } h ? $"  - {{ name: {h.Name}, from: {Date(date)}, to: {Date(date)} }}\n" : "")
        + "makeUpWorkdays:\n"
        + (said is { Kind: DayKind.MakeUpWorkday } m ? $"  - {{ date: {Date(date)}, for: {m.Name} }}\n" : "");

    private static readonly CalendarData Base = new("test", "测试", "Asia/Shanghai", [new OfficePeriod(new TimeOnly(9, 0), new TimeOnly(17, 0))], []);

    [Fact]
    public void ADayTheLoadedNeighbourNamesDifferently_IsRefusedAtItsKey_WithBothValues_AndAnAgreedOneCountsTheSameInEitherOrder() =>
        LateDecember.SelectMany(date => Gen.Select(Said(date), Said(date), (loaded, loading) => (date, loaded, loading))).Sample(t =>
        {
            var (date, loaded, loading) = t;
            var neighbour = Loaded2026(date, loaded);

            var (year, errors) = CalendarLoader.ReadYear(Text2027(date, loading), "2027.yaml", 2027, [neighbour]);

            var clash = loaded is not null && loading is not null && loaded != loading;
            Assert.Equal(clash, year is null);
            if (clash)
            {
                var error = Assert.Single(errors);
                Assert.Equal(loading!.Value.Kind == DayKind.Holiday ? "holidays[2]" : "makeUpWorkdays[0]", error.Path);
                Assert.True(error.Line > 1);
                Assert.Contains(Date(date), error.Message, StringComparison.Ordinal);
                Assert.Contains("已载入的 2026 年安排", error.Message, StringComparison.Ordinal);
                Assert.Contains(loaded!.Value.Kind == DayKind.Holiday ? $"节假日（{loaded.Value.Name}）" : $"调休上班日（为{loaded.Value.Name}调休）", error.Message, StringComparison.Ordinal);
                Assert.Contains(Date(date), error.MessageEn, StringComparison.Ordinal);
                Assert.Contains("the loaded 2026 arrangement makes it a", error.MessageEn, StringComparison.Ordinal);
                return;
            }

            var first = new WorkingCalendar(Base with { Years = [neighbour, year!] });
            var last = new WorkingCalendar(Base with { Years = [year!, neighbour] });
            Assert.Equal((first.IsWorkingDay(date), first.Describe(date).Name), (last.IsWorkingDay(date), last.Describe(date).Name));
        }, iter: 400);

    [Fact]
    public void AYearWhoseOwnDaysALoadedNeighbourNamedDifferently_IsRefusedToo()
    {
        // 2027, loaded, works Saturday 26 December 2026 for New Year's Day; a 2026 arrangement making it a holiday is refused.
        var loaded2027 = new CalendarYear(2027, null, [new HolidayPeriod("元旦", new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 1))],
            [new MakeUpWorkday(new DateOnly(2026, 12, 26), "元旦")]);
        const string Text = "year: 2026\nholidays:\n  - { name: 元旦, from: 2026-01-01, to: 2026-01-03 }\n  - { name: 圣诞, from: 2026-12-26, to: 2026-12-26 }\n";

        var (year, errors) = CalendarLoader.ReadYear(Text, "2026.yaml", 2026, [loaded2027]);

        Assert.Null(year);
        var error = Assert.Single(errors);
        Assert.Equal(("holidays[1]", 4), (error.Path, error.Line));
        Assert.Equal(
            "2026-12-26：本安排（2026 年）定为节假日（圣诞），已载入的 2027 年安排定为调休上班日（为元旦调休）；两年对同一天的安排须一致，请先改正其中一年",
            error.Message);
        Assert.Equal(
            "2026-12-26: this arrangement (2026) makes it a holiday (圣诞), but the loaded 2027 arrangement makes it a make-up workday (for New Year's Day); the two years must agree on the day: correct one of them first",
            error.MessageEn);

        // The same year loaded again is compared with itself: no clash.
        Assert.NotNull(CalendarLoader.ReadYear(Text, "2026.yaml", 2026, [loaded2027 with { Year = 2026 }]).Year);
    }
}
