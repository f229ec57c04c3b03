using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// A stage and a step held to the law's period alone (statutoryLimit, no promised limit) over the all-in-one host: the
/// shipped 企业开办 with its licence step (2 working hours statutory) inside a registration stage (4 working hours
/// statutory), submitted Monday 2 March 2026 at 09:00. Its clocks, the department's due time and the statistics all
/// count against the statutory limit, and nothing claims a promise the definition never made.
/// </summary>
[Trait("Category", "Integration")]
public sealed class StatutoryOnlyLimitTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    private const string Staged = """
            - id: stage-licence
              activity: stage
              title: 登记阶段
              statutoryLimit: { workingHours: 4 }
              steps:
                - id: business-licence
                  activity: department-task
                  title: { zh: 营业执照, en: Business licence }
                  department: SAMR
                  statutoryLimit: { workingHours: 2 }

        """;

    [Fact]
    public async Task AStageAndAStepWithOnlyAStatutoryLimit_AreTimedAgainstIt_FromTheClocksToTheStatistics()
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        await StageClockTests.PublishWithLicenceAsync(host, Staged);
        var id = await host.SubmitBusinessOpeningAsync();

        // The department is told the statutory due time: two office hours from 09:00.
        var tasks = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("samr-clerk", "/api/departments/SAMR/tasks"), t => t.GetArrayLength() == 1, "the SAMR task");
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 11, 0, 0, Cst), tasks[0].GetProperty("dueAt").GetDateTimeOffset());

        // Its clocks: no promise, the statutory limit with its due time and explanation; the stage's four office hours
        // from 09:00 end at 14:30, over the lunch break.
        var clocks = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}/clocks");
        var licence = StageClockTests.ClockOf(clocks, "business-licence");
        var stage = StageClockTests.ClockOf(clocks, "stage-licence");
        Assert.Equal(JsonValueKind.Null, licence.GetProperty("promised").ValueKind);
        Assert.Equal(JsonValueKind.Null, stage.GetProperty("promised").ValueKind);
        Assert.Equal("2026-03-02T11:00:00+08:00", licence.GetProperty("statutory").GetProperty("dueAt").GetString());
        Assert.Equal("2026-03-02T14:30:00+08:00", stage.GetProperty("statutory").GetProperty("dueAt").GetString());
        Assert.Equal(2m, licence.GetProperty("statutory").GetProperty("leftHours").GetDecimal());

        // Decided at 10:00, within the statutory limit: counted against it, and not against a promise it never had.
        host.Clock.Advance(TimeSpan.FromHours(1));
        using (var clerk = host.Client("samr-clerk"))
        {
            var task = tasks[0].GetProperty("id").GetString();
            (await clerk.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
            (await clerk.PostAsJsonAsync($"/api/tasks/{task}/complete", new { outcome = "approved" })).EnsureSuccessStatusCode();
        }

        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}"),
            a => SupplementTests.Licence(a).GetProperty("status").GetString() == "approved",
            "the licence decision at the engine");
        var report = await host.GetJsonAsync("admin", "/api/stats/compliance?from=2026-03&to=2026-03&groupBy=department");
        var samr = report.GetProperty("steps").EnumerateArray().Single(r => r.GetProperty("department").GetString() == "SAMR");
        Assert.Equal((1, 0, 1, 1), (samr.GetProperty("finished").GetInt32(), samr.GetProperty("promisedCounted").GetInt32(),
            samr.GetProperty("statutoryCounted").GetInt32(), samr.GetProperty("withinStatutory").GetInt32()));
        Assert.Equal(1.0, samr.GetProperty("statutoryOnTimeRate").GetDouble());
    }
}
