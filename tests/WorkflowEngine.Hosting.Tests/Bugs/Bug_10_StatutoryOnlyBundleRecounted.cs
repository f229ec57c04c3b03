using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// Loading next year's holidays listed a bundle among the due times that moved only when it had a promised limit: one
/// held to its statutory limit alone, whose statutory due time moved with the year, was left out of the list the
/// administrator reads before and after the load.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_10_StatutoryOnlyBundleRecounted
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    /// <summary>
    /// 企业开办 held to three statutory working days and no promised limit, submitted on Wednesday 30 December 2026 at
    /// 09:00: due on 4 January 17:30 while 1 January counts as a plain Friday, on 5 January once New Year's Day is off.
    /// </summary>
    [Fact]
    public async Task ABundleWithOnlyAStatutoryLimit_IsListedWhenTheYearMovesItsDueTime()
    {
        await using var host = await AllInOneHost.StartAsync(new DateTimeOffset(2026, 12, 30, 9, 0, 0, Cst));
        var yaml = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Definitions, "services", "business-opening.yaml"));
        const string limits = "timeLimits:\n  statutory: { workingDays: 3 }\n  promised: { workingDays: 1 }\n";
        Assert.Contains(limits, yaml, StringComparison.Ordinal);
        await host.PublishAsync(yaml.Replace(limits, "timeLimits:\n  statutory: { workingDays: 3 }\n", StringComparison.Ordinal));
        var id = await host.SubmitBusinessOpeningAsync();
        await host.TaskOfAsync(id);
        using var admin = host.Client("admin");

        using var loaded = await admin.PutAsync("/api/calendars/cn-mainland/years/2027", CalendarYearTests.Yaml(CalendarYearTests.Year2027));

        Assert.Equal(HttpStatusCode.OK, loaded.StatusCode);
        var moved = (await loaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("moved").EnumerateArray()
            .Where(m => m.GetProperty("applicationId").GetGuid() == id).ToArray();
        var bundle = Assert.Single(moved, m => m.GetProperty("kind").GetString() == "bundle");
        Assert.Equal(
            ("2027-01-04 17:30", "2027-01-05 17:30", "2027-01-04 17:30", "2027-01-05 17:30"),
            (CalendarYearTests.Local(bundle, "before"), CalendarYearTests.Local(bundle, "after"),
                CalendarYearTests.Local(bundle, "statutoryBefore"), CalendarYearTests.Local(bundle, "statutoryAfter")));
        Assert.Equal(new DateTimeOffset(2027, 1, 5, 17, 30, 0, Cst), (await host.GetJsonAsync("zhangsan", $"/api/applications/{id}")).GetProperty("statutoryDueAt").GetDateTimeOffset());
    }
}
