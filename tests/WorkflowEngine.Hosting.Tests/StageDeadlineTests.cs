using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>A stage's own limit, kept by a real timer that fires when the clock passes it.</summary>
[Trait("Category", "Integration")]
public sealed class StageDeadlineTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    [Fact]
    public async Task ConstructionPermit_StagePassingItsLimit_IsMarkedOverdue_AndTheNextStageGetsItsOwnLimit()
    {
        await using var host = await AllInOneHost.StartAsync();
        using var builder = host.Client("lisi");
        using var submitted = await builder.PostAsync("/api/applications", ConstructionPermit.Multipart());
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var app = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("lisi", $"/api/applications/{id}"),
            a => Step(a, "land-use-permit").GetProperty("status").GetString() == "received"
                && Step(a, "project-approval").GetProperty("status").GetString() == "received",
            "the first stage's reviews, acknowledged by their departments");
        // Eight working days after Monday 2 March: close of office on Thursday 12 March.
        Assert.Equal(new DateTimeOffset(2026, 3, 12, 17, 30, 0, Cst), Step(app, "stage-land-use").GetProperty("dueAt").GetDateTimeOffset());

        host.Clock.Advance(new DateTimeOffset(2026, 3, 13, 9, 0, 0, Cst) - host.Clock.GetUtcNow());
        await AllInOneHost.EventuallyAsync(
            async () => (await host.GetJsonAsync("lisi", $"/api/applications/{id}/audit")).GetProperty("entries"),
            audit => audit.EnumerateArray().Any(e => e.GetProperty("type").GetString() == "StageOverdue"),
            "the stage timer to fire");

        foreach (var (department, clerk) in new[] { ("DRC", "drc-clerk"), ("NRP", "nrp-clerk") })
        {
            var task = (await AllInOneHost.EventuallyAsync(
                () => host.GetJsonAsync(clerk, $"/api/departments/{department}/tasks"),
                t => t.GetArrayLength() == 1,
                $"{department}'s task"))[0];
            using var client = host.Client(clerk);
            (await client.PostAsync($"/api/tasks/{task.GetProperty("id").GetString()}/claim", null)).EnsureSuccessStatusCode();
            (await client.PostAsJsonAsync($"/api/tasks/{task.GetProperty("id").GetString()}/complete", new { outcome = "approved" })).EnsureSuccessStatusCode();
        }

        app = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("lisi", $"/api/applications/{id}"),
            a => Step(a, "planning-permit").GetProperty("status").GetString() == "received"
                && Step(a, "civil-defence-design").GetProperty("status").GetString() == "received",
            "the second stage");
        Assert.False(Step(app, "stage-land-use").GetProperty("onTime").GetBoolean());
        Assert.False(Step(app, "land-use-permit").GetProperty("onTime").GetBoolean());
        // The second stage counts its twelve working days from Friday 13 March.
        Assert.Equal(new DateTimeOffset(2026, 3, 31, 17, 30, 0, Cst), Step(app, "stage-planning").GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal("skipped", Step(app, "eia-approval").GetProperty("status").GetString());
    }

    [Fact]
    public async Task ConstructionPermit_StageNearingItsLimit_IsToldToTheSupervisorsOfADepartmentStillHoldingAStepUnderIt_Once()
    {
        // The first stage's eight working days from Monday 2 March end at the close of Thursday 12 March; three quarters
        // of them are used by the close of Tuesday 10 March: on Wednesday morning NRP, still holding the land-use
        // permit, hears that the whole stage is near its limit.
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        using var builder = host.Client("lisi");
        using var submitted = await builder.PostAsync("/api/applications", ConstructionPermit.Multipart());
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var task = (await host.TaskOfAsync(id, "NRP", "nrp-clerk")).GetProperty("id").GetString()!;

        host.Clock.Advance(new DateTimeOffset(2026, 3, 11, 9, 30, 0, Cst) - host.Clock.GetUtcNow());
        await host.FireDueTimersAsync();

        var notices = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("nrp-supervisor", "/api/departments/NRP/notices"),
            n => n.EnumerateArray().Any(x => x.GetProperty("kind").GetString() == "stage-yellow"),
            "the stage's yellow card among NRP's supervisor's notices");
        var notice = notices.EnumerateArray().Single(x => x.GetProperty("kind").GetString() == "stage-yellow");
        var message = notice.GetProperty("message").GetString()!;
        Assert.Contains("所在的阶段「立项用地规划许可阶段」亮黄牌，临近承诺时限（2026-03-12 17:30）", message, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2026, 3, 12, 17, 30, 0, Cst), notice.GetProperty("dueAt").GetDateTimeOffset());
        // In English, the stage and the task by their English titles (StepWarningRaised.scopeTitleEn, ExecuteStep.titleEn).
        var english = (await host.GetJsonAsync("nrp-supervisor", "/api/departments/NRP/notices", "en")).EnumerateArray()
            .Single(x => x.GetProperty("kind").GetString() == "stage-yellow");
        Assert.Contains("its stage “Project approval and land-use planning stage” is on a yellow card", english.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotMatch("\\p{IsCJKUnifiedIdeographs}", english.GetProperty("message").GetString()!);
        Assert.DoesNotMatch("\\p{IsCJKUnifiedIdeographs}", english.GetProperty("title").GetString()!);
        // The stage's card is not the task's: the land-use permit is not overdue.
        var card = (await host.GetJsonAsync("nrp-clerk", $"/api/tasks/{task}")).GetProperty("task").GetProperty("warning");
        Assert.NotEqual("red", card.ValueKind == JsonValueKind.String ? card.GetString() : null);

        // The supervisor's page shows it among the notices.
        using var supervisor = await PageSignInTests.SignedInBrowserAsync(host, "nrp-supervisor", "Demo#2026");
        using var page = await supervisor.GetAsync("/desk/supervise?department=NRP");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(message, WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        // However often the engine looks again, the stage's yellow card is given once.
        await host.FireDueTimersAsync();
        Assert.Single(
            (await host.GetJsonAsync("nrp-supervisor", "/api/departments/NRP/notices")).EnumerateArray(),
            n => n.GetProperty("kind").GetString() == "stage-yellow");
    }

    private static JsonElement Step(JsonElement application, string stepId) =>
        application.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("stepId").GetString() == stepId);
}
