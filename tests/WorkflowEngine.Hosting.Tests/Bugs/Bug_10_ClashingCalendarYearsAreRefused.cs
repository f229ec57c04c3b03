using System.Net;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// A year's arrangement may name days up to a month into the neighbouring years. Two loaded years naming one date
/// differently were both taken, and the calendar counted the date with whichever was loaded last, with no error. Now
/// loading a year that names a date otherwise than a loaded neighbour is refused at its key, with the day and both
/// values, in the request's language and at the field of the administrator's page; a year that agrees loads.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_10_ClashingCalendarYearsAreRefused
{
    /// <summary>2026 as published, amended to work Saturday 26 December for the coming New Year.</summary>
    private static readonly string Amended2026 =
        File.ReadAllText(Path.Combine(RepositoryPaths.Definitions, "calendars", "cn-mainland", "2026.yaml")) + "  - { date: 2026-12-26, for: 元旦 }\n";

    /// <summary>2027 taking 26 December 2026 off for New Year's Day: the loaded 2026 works it.</summary>
    private static readonly string Clashing2027 = CalendarYearTests.Year2027.Replace(
        "{ name: 元旦, from: 2027-01-01, to: 2027-01-01 }", "{ name: 元旦, from: 2026-12-26, to: 2027-01-01 }", StringComparison.Ordinal);

    [Fact]
    public async Task AYearNamingADayOfALoadedNeighbourOtherwise_IsRefusedWithTheDayAndBothValues_AndOneThatAgreesLoads()
    {
        await using var host = await AllInOneHost.StartAsync(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(8)));
        using var admin = host.Client("admin");
        (await admin.PutAsync("/api/calendars/cn-mainland/years/2026", CalendarYearTests.Yaml(Amended2026))).EnsureSuccessStatusCode();

        using var refused = await admin.PutAsync("/api/calendars/cn-mainland/years/2027", CalendarYearTests.Yaml(Clashing2027));

        var error = Assert.Single((await ProblemAssert.IsAsync(refused, HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateArray());
        Assert.Equal(("holidays[0]", 4), (error.GetProperty("path").GetString(), error.GetProperty("line").GetInt32()));
        Assert.Equal("2026-12-26：本安排（2027 年）定为节假日（元旦），已载入的 2026 年安排定为调休上班日（为元旦调休）；两年对同一天的安排须一致，请先改正其中一年",
            error.GetProperty("message").GetString());
        Assert.DoesNotContain(2027, (await host.GetJsonAsync("admin", "/api/calendars"))[0].GetProperty("announcedYears").EnumerateArray().Select(y => y.GetInt32()));
        // 2026's word on the day stands.
        Assert.True((await host.GetJsonAsync("admin", "/api/calendars/cn-mainland/days?from=2026-12-26&to=2026-12-26"))[0].GetProperty("working").GetBoolean());

        using var inEnglish = new HttpRequestMessage(HttpMethod.Put, "/api/calendars/cn-mainland/years/2027?preview=true") { Content = CalendarYearTests.Yaml(Clashing2027) };
        inEnglish.Headers.Add("Accept-Language", "en");
        var english = Assert.Single((await ProblemAssert.IsAsync(await admin.SendAsync(inEnglish), HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateArray());
        Assert.StartsWith("2026-12-26: this arrangement (2027) makes it a holiday (New Year's Day), but the loaded 2026 arrangement makes it a make-up workday (for New Year's Day)",
            english.GetProperty("message").GetString(), StringComparison.Ordinal);

        var page = await CalendarYearTests.PreviewOnThePageAsync(host, english: false, Clashing2027);
        Assert.Contains("<span id=\"arrangement-error\" class=\"field-error\">第 4 行 holidays[0]：2026-12-26：本安排（2027 年）定为节假日（元旦），已载入的 2026 年安排定为调休上班日（为元旦调休）", page, StringComparison.Ordinal);
        var englishPage = await CalendarYearTests.PreviewOnThePageAsync(host, english: true, Clashing2027);
        Assert.Contains("Line 4 holidays[0]: 2026-12-26: this arrangement (2027) makes it a holiday (New Year&#x27;s Day)", englishPage, StringComparison.Ordinal);

        // Working the same Saturday for the same holiday agrees with 2026: loaded.
        using var agreeing = await admin.PutAsync("/api/calendars/cn-mainland/years/2027",
            CalendarYearTests.Yaml(CalendarYearTests.Year2027 + "\n  - { date: 2026-12-26, for: 元旦 }\n"));
        Assert.Equal(HttpStatusCode.OK, agreeing.StatusCode);
        Assert.Contains(2027, (await host.GetJsonAsync("admin", "/api/calendars"))[0].GetProperty("announcedYears").EnumerateArray().Select(y => y.GetInt32()));
    }
}
