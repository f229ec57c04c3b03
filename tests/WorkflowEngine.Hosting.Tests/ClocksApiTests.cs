using System.Net;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary><c>GET /api/applications/{id}/clocks</c>: what an applicant reads about each deadline, over the all-in-one host.</summary>
[Trait("Category", "Integration")]
public sealed class ClocksApiTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    /// <summary>Wednesday 30 September 2026, 10:00: the last working day before 国庆节 (1–7 October; Saturday 10 October is worked).</summary>
    private static readonly DateTimeOffset EveOfNationalDay = new(2026, 9, 30, 10, 0, 0, Cst);

    [Fact]
    public async Task BusinessOpening_SubmittedBeforeNationalDay_ExplainsItsDueTimesByTheHolidayAndTheMakeUpWorkday()
    {
        await using var host = await AllInOneHost.StartAsync(EveOfNationalDay);
        var id = await host.SubmitBusinessOpeningAsync();

        var clocks = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}/clocks"),
            c => Clock(c, "business-licence").GetProperty("status").GetString() == "running",
            "the licence step's clock");

        var bundle = Clock(clocks, "business-opening");
        Assert.Equal("bundle", bundle.GetProperty("kind").GetString());
        Assert.Equal("running", bundle.GetProperty("status").GetString());
        Assert.Equal("start", bundle.GetProperty("events")[0].GetProperty("kind").GetString());

        // Promised: one working day, the day of acceptance not counted and 国庆节 not either: close of office on 8 October.
        var promised = bundle.GetProperty("promised");
        Assert.Equal("2026-10-08T17:30:00+08:00", promised.GetProperty("dueAt").GetString());
        var holidays = promised.GetProperty("notCounted").EnumerateArray().Where(d => d.GetProperty("reason").GetString() == "holiday").ToArray();
        Assert.Equal(7, holidays.Length);
        Assert.All(holidays, d => Assert.Equal("国庆节", d.GetProperty("name").GetString()));
        Assert.Contains(promised.GetProperty("notCounted").EnumerateArray(),
            d => d.GetProperty("date").GetString() == "2026-09-30" && d.GetProperty("reason").GetString() == "start-day");
        Assert.Equal(7m, promised.GetProperty("leftHours").GetDecimal());
        Assert.Equal(1m, promised.GetProperty("leftWorkingDays").GetDecimal());

        // Statutory: three working days, the third the Saturday worked for 国庆节.
        var statutory = bundle.GetProperty("statutory");
        Assert.Equal("2026-10-10T17:30:00+08:00", statutory.GetProperty("dueAt").GetString());
        var makeUp = Assert.Single(statutory.GetProperty("makeUpWorkdays").EnumerateArray());
        Assert.Equal("2026-10-10", makeUp.GetProperty("date").GetString());
        Assert.Equal("国庆节", makeUp.GetProperty("for").GetString());

        // The licence step has a promised limit of its own, and the statutory one of 市场主体登记管理条例 Art. 19
        // (three working days), which falls with the bundle's, both started at acceptance.
        var licence = Clock(clocks, "business-licence");
        Assert.Equal("step", licence.GetProperty("kind").GetString());
        Assert.Equal("3 个工作日", licence.GetProperty("statutory").GetProperty("limit").GetString());
        Assert.Equal("2026-10-10T17:30:00+08:00", licence.GetProperty("statutory").GetProperty("dueAt").GetString());
        Assert.Equal("2026-09-30T12:00:00+08:00", licence.GetProperty("promised").GetProperty("dueAt").GetString());
        Assert.EndsWith("+08:00", clocks.GetProperty("now").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AfterTheHoliday_TheClocksShowTheTimeUsedAndLeft_AndTheOverdueStep()
    {
        await using var host = await AllInOneHost.StartAsync(EveOfNationalDay);
        var id = await host.SubmitBusinessOpeningAsync();
        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}/clocks"),
            c => Clock(c, "business-licence").GetProperty("status").GetString() == "running",
            "the licence step's clock");

        host.Clock.Advance(new DateTimeOffset(2026, 10, 8, 10, 0, 0, Cst) - host.Clock.GetUtcNow());
        var clocks = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}/clocks");

        // The bundle counts from close of office on 30 September: one office hour of 8 October used, six left.
        var promised = Clock(clocks, "business-opening").GetProperty("promised");
        Assert.Equal(1m, promised.GetProperty("usedHours").GetDecimal());
        Assert.Equal(6m, promised.GetProperty("leftHours").GetDecimal());
        Assert.False(promised.GetProperty("overdue").GetBoolean());

        // The licence step had two office hours from 10:00 on 30 September; it ran six more that day and one on 8 October.
        var licence = Clock(clocks, "business-licence").GetProperty("promised");
        Assert.True(licence.GetProperty("overdue").GetBoolean());
        Assert.Equal(7m, licence.GetProperty("usedHours").GetDecimal());
        Assert.Equal(-5m, licence.GetProperty("leftHours").GetDecimal());
    }

    [Fact]
    public async Task AnotherApplicantsClocks_Are404()
    {
        await using var host = await AllInOneHost.StartAsync(EveOfNationalDay);
        var id = await host.SubmitBusinessOpeningAsync();

        using var other = host.Client("lisi");
        using var response = await other.GetAsync($"/api/applications/{id}/clocks");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static JsonElement Clock(JsonElement clocks, string id) =>
        clocks.GetProperty("clocks").EnumerateArray().Single(c => c.GetProperty("id").GetString() == id);
}
