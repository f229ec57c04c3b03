using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// A stage's and the bundle's clocks over the all-in-one host: they stand still while the applicant owes material on
/// the only open step, and a stage's statutory limit gives its cards once, also across a restart.
/// </summary>
[Trait("Category", "Integration")]
public sealed class StageClockTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    /// <summary>The shipped licence step, inside a registration stage of 4 working hours (statutory: 1 working day).</summary>
    private const string Staged = """
            - id: stage-licence
              activity: stage
              title: 登记阶段
              limit: { workingHours: 4 }
              statutoryLimit: { workingDays: 1 }
              steps:
                - id: business-licence
                  activity: department-task
                  title: { zh: 营业执照, en: Business licence }
                  department: SAMR
                  limit: { workingHours: 2 }

        """;

    /// <summary>Publishes the shipped 企业开办 with its licence step in <see cref="Staged"/>.</summary>
    internal static Task PublishStagedAsync(AllInOneHost host) => PublishWithLicenceAsync(host, Staged);

    /// <summary>Publishes the shipped 企业开办 with its licence step replaced by <paramref name="licence"/> (YAML, indented as in the file).</summary>
    internal static async Task PublishWithLicenceAsync(AllInOneHost host, string licence)
    {
        var yaml = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Definitions, "services", "business-opening.yaml"));
        var start = yaml.IndexOf("    - id: business-licence", StringComparison.Ordinal);
        var end = yaml.IndexOf("    - id: registrations", StringComparison.Ordinal);
        Assert.True(start > 0 && end > start);
        await host.PublishAsync(yaml[..start] + licence + yaml[end..]);
    }

    internal static JsonElement ClockOf(JsonElement clocks, string id) =>
        clocks.GetProperty("clocks").EnumerateArray().Single(c => c.GetProperty("id").GetString() == id);

    [Fact]
    public async Task ASupplementRequestOnTheStagesOnlyOpenStep_MovesTheStagesAndTheBundlesDueTimes_ByExactlyThePausedWorkingTime()
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        await PublishStagedAsync(host);
        var id = await host.SubmitBusinessOpeningAsync();
        var before = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}/clocks");
        // Four office hours from 09:00 on Monday: 14:30; the bundle's working day: the close of Tuesday.
        Assert.Equal("2026-03-02T14:30:00+08:00", ClockOf(before, "stage-licence").GetProperty("promised").GetProperty("dueAt").GetString());
        Assert.Equal("2026-03-03T17:30:00+08:00", ClockOf(before, "business-opening").GetProperty("promised").GetProperty("dueAt").GetString());

        // 09:30 Monday: the clerk asks for the articles; nothing else is open, so the stage and the bundle stand still.
        await SupplementTests.AskForArticlesAsync(host);
        var paused = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}/clocks"),
            c => ClockOf(c, "stage-licence").GetProperty("status").GetString() == "paused",
            "the stage's clock to stand still");
        foreach (var clock in new[] { "stage-licence", "business-opening" })
        {
            Assert.Equal("paused", ClockOf(paused, clock).GetProperty("status").GetString());
            Assert.Equal("supplement-requested", ClockOf(paused, clock).GetProperty("paused").GetProperty("reason").GetString());
        }

        // The applicant supplies them on Wednesday at 09:30: two working days, 14 office hours, stood still.
        host.Clock.Advance(new DateTimeOffset(2026, 3, 4, 9, 30, 0, Cst) - host.Clock.GetUtcNow());
        using var citizen = host.Client("zhangsan");
        Assert.Equal(HttpStatusCode.OK, (await SupplementTests.UploadAsync(citizen, id, "articles", "%PDF-1.4 corrected articles\n")).StatusCode);
        var after = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}/clocks"),
            c => ClockOf(c, "stage-licence").GetProperty("status").GetString() == "running",
            "the stage's clock to run again");

        var stage = ClockOf(after, "stage-licence").GetProperty("promised");
        Assert.Equal("2026-03-04T14:30:00+08:00", stage.GetProperty("dueAt").GetString());
        Assert.Equal(14m, stage.GetProperty("pausedHours").GetDecimal());
        // The bundle's limits, in whole working days, count from the day after acceptance (受理当日不计入): the pause
        // took Tuesday and Wednesday's first half hour from them, 7.5 office hours, and moves them by exactly that.
        var bundle = ClockOf(after, "business-opening");
        Assert.Equal("2026-03-05T09:30:00+08:00", bundle.GetProperty("promised").GetProperty("dueAt").GetString());
        Assert.Equal("2026-03-09T09:30:00+08:00", bundle.GetProperty("statutory").GetProperty("dueAt").GetString());
        Assert.Equal(7.5m, bundle.GetProperty("promised").GetProperty("pausedHours").GetDecimal());
        var application = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}");
        Assert.Equal(new DateTimeOffset(2026, 3, 5, 9, 30, 0, Cst), application.GetProperty("dueAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task AStagesStatutoryCards_AreGivenOnceEach_AcrossARestart()
    {
        var directory = Directory.CreateTempSubdirectory("workflow-stage-statutory-");
        try
        {
            Guid id;
            await using (var host = await AllInOneHost.StartInAsync(directory))
            {
                await PublishStagedAsync(host);
                id = await host.SubmitBusinessOpeningAsync();
                var clocks = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}/clocks");
                var statutory = ClockOf(clocks, "stage-licence").GetProperty("statutory");
                // One working day: the close of Tuesday; yellow at three quarters of its 7 office hours, 15:45 on Tuesday.
                Assert.Equal("1 个工作日", statutory.GetProperty("limit").GetString());
                Assert.Equal("2026-03-03T17:30:00+08:00", statutory.GetProperty("dueAt").GetString());
                Assert.Equal("2026-03-03T15:45:00+08:00", statutory.GetProperty("yellowAt").GetString());

                host.Clock.Advance(new DateTimeOffset(2026, 3, 3, 15, 46, 0, Cst) - host.Clock.GetUtcNow());
                await AllInOneHost.EventuallyAsync(() => StatutoryCardsAsync(host, id), c => c.Length == 1, "the stage's statutory yellow card");
            }

            await using (var host = await AllInOneHost.StartInAsync(directory, new DateTimeOffset(2026, 3, 3, 17, 31, 0, Cst)))
            {
                // Time moves on while the test waits: a timer whose first try failed while the host started is tried again after its lease.
                var cards = await AllInOneHost.EventuallyAsync(
                    async () =>
                    {
                        host.Clock.Advance(TimeSpan.FromSeconds(1));
                        return await StatutoryCardsAsync(host, id);
                    },
                    c => c.Length == 2,
                    "the stage's statutory red card");
                await host.FireDueTimersAsync();
                host.Clock.Advance(TimeSpan.FromHours(1));
                await host.FireDueTimersAsync();

                Assert.Equal(["yellow", "red"], await StatutoryCardsAsync(host, id));
                Assert.Equal(["yellow", "red"], cards);
                var clocks = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}/clocks");
                Assert.Equal("red", ClockOf(clocks, "stage-licence").GetProperty("statutory").GetProperty("warning").GetString());
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task<string[]> StatutoryCardsAsync(AllInOneHost host, Guid id) =>
        [.. (await host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries").EnumerateArray()
            .Where(e => e.GetProperty("type").GetString() == "DeadlineWarning"
                && e.GetProperty("stepId").GetString() == "stage-licence"
                && e.GetProperty("data").GetProperty("limit").GetString() == "statutory")
            .Select(e => e.GetProperty("data").GetProperty("level").GetString()!)];
}
