using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>Yellow and red cards (红黄牌预警) as an applicant and a supervisor see them on an application, over the all-in-one host.</summary>
[Trait("Category", "Integration")]
public sealed class DeadlineWarningTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    [Fact]
    public async Task TheLicenceStep_TurnsYellowAtThreeQuartersOfItsTwoHours_AndRedAtItsDueTime()
    {
        // Monday 2 March 2026, 09:00: the licence step has two working hours, due at 11:00; yellow from 10:30.
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        var id = await host.SubmitBusinessOpeningAsync();
        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}"),
            a => Step(a, "business-licence").GetProperty("status").GetString() == "received",
            "the licence step at SAMR");

        async Task<(string? Step, string? Clock, string? Bundle)> WarningsAtAsync(int hour, int minute)
        {
            host.Clock.Advance(new DateTimeOffset(2026, 3, 2, hour, minute, 0, Cst) - host.Clock.GetUtcNow());
            var application = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}");
            var clocks = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}/clocks");
            var licence = clocks.GetProperty("clocks").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "business-licence");
            Assert.Equal("2026-03-02T10:30:00+08:00", licence.GetProperty("promised").GetProperty("yellowAt").GetString());
            return (Step(application, "business-licence").GetProperty("warning").GetString(),
                licence.GetProperty("promised").GetProperty("warning").GetString(),
                application.GetProperty("warning").GetString());
        }

        Assert.Equal(("none", "none", "none"), await WarningsAtAsync(10, 29));
        Assert.Equal(("yellow", "yellow", "none"), await WarningsAtAsync(10, 30));
        // The bundle's one working day counts from close of office on the day of acceptance: it has used nothing yet.
        Assert.Equal(("red", "red", "none"), await WarningsAtAsync(11, 0));
    }

    [Fact]
    public async Task TheSupervisor_ListsTheDepartmentsYellowAndRedSteps_RedFirst()
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        var first = await host.SubmitBusinessOpeningAsync();
        host.Clock.Advance(TimeSpan.FromMinutes(45));
        var second = await host.SubmitBusinessOpeningAsync("lisi");
        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("samr-supervisor", "/api/departments/SAMR/tasks"), t => t.GetArrayLength() == 2, "both licence steps at SAMR");

        // 11:00: the first licence (09:00–11:00) is due, the second (09:45–11:45) three quarters through, to the minute.
        host.Clock.Advance(new DateTimeOffset(2026, 3, 2, 11, 15, 0, Cst) - host.Clock.GetUtcNow());
        var cards = await host.GetJsonAsync("samr-supervisor", "/api/departments/SAMR/warnings");

        Assert.Equal([(first.ToString(), "red"), (second.ToString(), "yellow")],
            cards.EnumerateArray().Select(c => (c.GetProperty("applicationId").GetString(), c.GetProperty("warning").GetString())));
        Assert.Equal(-0.25m, cards[0].GetProperty("leftHours").GetDecimal());
        Assert.Equal("营业执照", cards[0].GetProperty("title").GetString());
        var red = await host.GetJsonAsync("samr-supervisor", "/api/departments/SAMR/warnings?level=red");
        Assert.Single(red.EnumerateArray());

        using var clerk = host.Client("samr-clerk");
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await clerk.GetAsync("/api/departments/SAMR/warnings")).StatusCode);
        using var supervisor = host.Client("samr-supervisor");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await supervisor.GetAsync("/api/departments/PSB/warnings")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await supervisor.GetAsync("/api/departments/SAMR/warnings?level=green")).StatusCode);
    }

    private static System.Text.Json.JsonElement Step(System.Text.Json.JsonElement application, string stepId) =>
        application.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("stepId").GetString() == stepId);
}
