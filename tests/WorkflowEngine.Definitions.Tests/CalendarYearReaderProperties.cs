using System.Globalization;
using CsCheck;
using WorkflowEngine.Calendars;
using WorkflowEngine.Definitions.Calendars;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Definitions.Tests;

/// <summary>
/// An administrator pastes a year's holiday arrangement: whatever the text, the reader answers with a year or with
/// errors at a line, never an exception; an arrangement it accepts gives a calendar that counts without failing.
/// </summary>
public sealed class CalendarYearReaderProperties
{
    private static readonly Gen<DateOnly> Day2027 = Gen.Int[0, 364].Select(n => new DateOnly(2027, 1, 1).AddDays(n));

    /// <summary>Arrangements of plausible shape, right or wrong: holidays anywhere in the year, make-up days any day.</summary>
    private static readonly Gen<string> Arrangements = Gen.Select(
        Gen.Select(Gen.OneOf("元旦", "春节", "清明节", "", "国庆节"), Day2027, Gen.Int[-2, 8], (name, from, length) => (Name: name, From: from, To: from.AddDays(length))).Array[0, 6],
        Gen.Select(Day2027, Gen.OneOf("春节", "中秋节", ""), (date, holiday) => (Date: date, For: holiday)).Array[0, 4],
        Gen.Int[2026, 2028],
        (holidays, makeUps, year) =>
            $"year: {year}\nholidays:\n"
            + string.Concat(holidays.Select(h => $"  - {{ name: \"{h.Name}\", from: {Date(h.From)}, to: {Date(h.To)} }}\n"))
            + "makeUpWorkdays:\n"
            + string.Concat(makeUps.Select(m => $"  - {{ date: {Date(m.Date)}, for: \"{m.For}\" }}\n")));

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public void AnyText_GivesAYearOrErrorsAtALine_NeverAnException()
    {
        Gen.String.Sample(text =>
        {
            var (year, errors) = CalendarLoader.ReadYear(text, "year.yaml");
            Assert.True(year is not null ^ errors.Count > 0);
            Assert.All(errors, e => Assert.True(e.Line >= 1 && !string.IsNullOrWhiteSpace(e.Message)));
        }, iter: 2000);
    }

    [Fact]
    public void APlausibleArrangement_IsAcceptedOnlyWhenConsistent_AndAnAcceptedOneCounts()
    {
        var calendar = Catalog.Calendar;
        Arrangements.Sample(text =>
        {
            var (year, errors) = CalendarLoader.ReadYear(text, "year.yaml");
            if (year is null)
            {
                Assert.NotEmpty(errors);
                return;
            }

            // Accepted: no make-up day is a holiday or a weekday, no two holidays share a day.
            var off = year.Holidays.SelectMany(h => Enumerable.Range(0, h.To.DayNumber - h.From.DayNumber + 1).Select(h.From.AddDays)).ToArray();
            Assert.Equal(off.Length, off.Distinct().Count());
            Assert.All(year.MakeUpWorkdays, m => Assert.True(m.Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday && !off.Contains(m.Date)));

            var with = new WorkingCalendar(calendar.Data with { Years = [.. calendar.Data.Years.Where(y => y.Year != year.Year), year] });
            var start = new DateTimeOffset(year.Year, 1, 1, 9, 0, 0, TimeSpan.FromHours(8)).AddDays(-20);
            var due = with.AddWorkingDays(start, 30);
            Assert.True(due > start);
            Assert.All(off, d => Assert.False(with.IsWorkingDay(d)));
        }, iter: 500);
    }
}
