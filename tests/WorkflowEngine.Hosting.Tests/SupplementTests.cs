using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// 补正 (行政许可法 Art. 32): the clerk asks once, listing every item; the step's clock stands still; the applicant reads
/// one notice and uploads the new versions; the clock runs again, the due time moved by the time it stood, and the
/// department decides on the new versions.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SupplementTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    [Fact]
    public async Task ClerkAsksOnceForEveryItem_TheClockStandsStill_AndTheApplicantsUploadRunsItAgain()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await host.SubmitBusinessOpeningAsync();
        var task = (await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("samr-clerk", "/api/departments/SAMR/tasks"), t => t.GetArrayLength() == 1, "the SAMR task"))[0].GetProperty("id").GetString();
        using var clerk = host.Client("samr-clerk");
        var request = new
        {
            items = new[]
            {
                new { material = "articles", reason = "章程第五条出资方式与申请表不一致" },
                new { material = "legalRepIdCopy", reason = "身份证复印件不清晰，请重新扫描正反面" },
            },
            note = "请一并提交",
        };

        // Only the clerk holding the task asks, and only for the step's own materials, each listed once.
        Assert.Equal(HttpStatusCode.Conflict, (await clerk.PostAsJsonAsync($"/api/tasks/{task}/supplements", request)).StatusCode);
        (await clerk.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
        using var foreign = await clerk.PostAsJsonAsync($"/api/tasks/{task}/supplements",
            new { items = new[] { new { material = "bankApplication", reason = "缺少" }, new { material = "articles", reason = "" } } });
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        var problems = (await foreign.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("articles", problems.GetProperty("items[0].material")[0].GetString(), StringComparison.Ordinal);
        Assert.True(problems.TryGetProperty("items[1].reason", out _));

        // Asked at 09:30.
        host.Clock.Advance(TimeSpan.FromMinutes(30));
        using var asked = await clerk.PostAsJsonAsync($"/api/tasks/{task}/supplements", request);
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        using var again = await clerk.PostAsJsonAsync($"/api/tasks/{task}/supplements", request);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("一次性告知", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The applicant reads one notice with every item, and the step's clock stands still.
        var application = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}"),
            a => a.GetProperty("supplements").GetArrayLength() == 1,
            "the supplement request on the application");
        var supplement = application.GetProperty("supplements")[0];
        Assert.Equal("business-licence", supplement.GetProperty("stepId").GetString());
        Assert.Equal(["articles", "legalRepIdCopy"], supplement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("material").GetString()));
        Assert.Equal("公司章程", supplement.GetProperty("items")[0].GetProperty("name").GetString());
        Assert.Equal("paused", Licence(application).GetProperty("clock").GetString());
        Assert.Contains(application.GetProperty("notifications").EnumerateArray(),
            n => n.GetProperty("kind").GetString() == "supplement-requested" && n.GetProperty("message").GetString()!.Contains("身份证复印件不清晰", StringComparison.Ordinal));
        await AllInOneHost.EventuallyAsync(
            () => TaskAsync(host, task), t => t.GetProperty("clock").GetString() == "paused", "the clerk's task to stand still");

        // The applicant answers at 14:00: one item alone does not run the clock again, both do.
        host.Clock.Advance(new DateTimeOffset(2026, 3, 2, 14, 0, 0, Cst) - host.Clock.GetUtcNow());
        using var citizen = host.Client("zhangsan");
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(citizen, id, "articles", "%PDF-1.4 corrected articles\n")).StatusCode);
        Assert.Equal("paused", Licence(await host.GetJsonAsync("zhangsan", $"/api/applications/{id}")).GetProperty("clock").GetString());
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(citizen, id, "legalRepIdCopy", "%PDF-1.4 a clear scan\n")).StatusCode);

        // Answered in full: nothing more may be replaced.
        Assert.Equal(HttpStatusCode.Conflict, (await UploadAsync(citizen, id, "articles", "%PDF-1.4 a third version\n")).StatusCode);

        application = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}");
        Assert.Empty(application.GetProperty("supplements").EnumerateArray());
        Assert.Equal("running", Licence(application).GetProperty("clock").GetString());
        // Half an hour was used before the request: the other hour and a half runs from 14:00.
        var due = Licence(application).GetProperty("dueAt").GetDateTimeOffset();
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 15, 30, 0, Cst), due);

        // The clerk's task runs again on the new versions, and the decision records them.
        var running = await AllInOneHost.EventuallyAsync(
            () => TaskAsync(host, task),
            t => t.GetProperty("clock").GetString() == "running" && t.GetProperty("supplement").GetProperty("suppliedAt").ValueKind != JsonValueKind.Null,
            "the clerk's task to run again on the new versions");
        Assert.Equal(due, running.GetProperty("dueAt").GetDateTimeOffset());
        (await clerk.PostAsJsonAsync($"/api/tasks/{task}/complete", new { outcome = "approved" })).EnsureSuccessStatusCode();
        var approved = await AllInOneHost.EventuallyAsync(
            async () => (await host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries").EnumerateArray()
                .Where(e => e.GetProperty("type").GetString() == "StepApproved" && e.GetProperty("stepId").GetString() == "business-licence").ToArray(),
            lines => lines.Length == 1,
            "the licence decision in the trail");
        Assert.Equal("articles@v2,legalRepIdCopy@v2", approved[0].GetProperty("data").GetProperty("materials").GetString());
        Assert.True((await TaskAsync(host, task)).GetProperty("onTime").GetBoolean());

        // Answered in time: the request's limit passing later ends nothing.
        host.Clock.Advance(TimeSpan.FromDays(21));
        await host.FireDueTimersAsync();
        var audit = (await host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries").EnumerateArray();
        Assert.DoesNotContain(audit, e => e.GetProperty("type").GetString() == "SupplementExpired");
        Assert.Equal("in-progress", (await host.GetJsonAsync("zhangsan", $"/api/applications/{id}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task ARequestLeftUnanswered_PastTheDefinitionsLimit_WithdrawsTheApplication_AndTheDepartmentDropsTheStep()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await host.SubmitBusinessOpeningAsync();
        var task = await AskForArticlesAsync(host);

        // 企业开办 gives the applicant 10 working days: from Monday 2 March to the close of Monday 16 March, told with the request.
        var application = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}"), a => a.GetProperty("supplements").GetArrayLength() == 1, "the request");
        Assert.Equal(new DateTimeOffset(2026, 3, 16, 17, 30, 0, Cst), application.GetProperty("supplements")[0].GetProperty("answerBy").GetDateTimeOffset());
        Assert.Contains(application.GetProperty("notifications").EnumerateArray(), n => n.GetProperty("kind").GetString() == "supplement-requested"
            && n.GetProperty("message").GetString()!.Contains("请于 2026-03-16 17:30 前一次补齐", StringComparison.Ordinal)
            && n.GetProperty("message").GetString()!.Contains("视为撤回申请", StringComparison.Ordinal));

        // A minute before, nothing happens; at the limit the application ends as withdrawn, saying why.
        host.Clock.Advance(new DateTimeOffset(2026, 3, 16, 17, 29, 0, Cst) - host.Clock.GetUtcNow());
        await host.FireDueTimersAsync();
        Assert.Equal("in-progress", (await host.GetJsonAsync("zhangsan", $"/api/applications/{id}")).GetProperty("status").GetString());
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        application = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}"), a => a.GetProperty("status").GetString() == "cancelled", "the withdrawal");
        Assert.Contains("视为撤回申请", application.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("公司章程", application.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Empty(application.GetProperty("supplements").EnumerateArray());
        var audit = (await host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries").EnumerateArray();
        Assert.Single(audit, e => e.GetProperty("type").GetString() == "SupplementExpired");

        // The clerk's queue no longer holds the step, and nothing more can be uploaded for it.
        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("samr-clerk", "/api/departments/SAMR/tasks"), t => t.GetArrayLength() == 0, "the recalled task to leave the queue");
        using var citizen = host.Client("zhangsan");
        Assert.Equal(HttpStatusCode.Conflict, (await UploadAsync(citizen, id, "articles", "%PDF-1.4 too late\n")).StatusCode);
        Assert.NotNull(task);
    }

    [Fact]
    public async Task ADefinitionMayRefuseOnlyTheStep_WhenItsRequestExpires()
    {
        await using var host = await AllInOneHost.StartAsync();
        await PublishRefusingTheStepAsync(host);
        var id = await host.SubmitBusinessOpeningAsync();
        await AskForArticlesAsync(host);

        // Two working days from Monday: the close of Wednesday 4 March.
        host.Clock.Advance(new DateTimeOffset(2026, 3, 4, 17, 30, 0, Cst) - host.Clock.GetUtcNow());
        var application = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}"), a => a.GetProperty("status").GetString() != "in-progress", "the refusal");

        var licence = Licence(application);
        Assert.Equal("rejected", licence.GetProperty("outcome").GetString());
        Assert.Contains("不予受理", licence.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("rejected", application.GetProperty("status").GetString());
        Assert.Contains(application.GetProperty("notifications").EnumerateArray(), n => n.GetProperty("kind").GetString() == "supplement-expired");
        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("samr-clerk", "/api/departments/SAMR/tasks"), t => t.GetArrayLength() == 0, "the recalled task to leave the queue");
    }

    /// <summary>Publishes 企业开办 giving the applicant two working days to answer, after which only the step is refused.</summary>
    internal static async Task PublishRefusingTheStepAsync(AllInOneHost host)
    {
        var yaml = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Definitions, "services", "business-opening.yaml"));
        await host.PublishAsync(yaml.Replace("answerWithin: { workingDays: 10 }\n  onExpiry: withdraw", "answerWithin: { workingDays: 2 }\n  onExpiry: reject-step", StringComparison.Ordinal));
    }

    /// <summary>The SAMR clerk claims the licence task and, at 09:30, asks for the articles again; returns the task's id.</summary>
    internal static async Task<string> AskForArticlesAsync(AllInOneHost host)
    {
        var task = (await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("samr-clerk", "/api/departments/SAMR/tasks"), t => t.GetArrayLength() == 1, "the SAMR task"))[0].GetProperty("id").GetString()!;
        using var clerk = host.Client("samr-clerk");
        (await clerk.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
        host.Clock.Advance(TimeSpan.FromMinutes(30));
        using var asked = await clerk.PostAsJsonAsync($"/api/tasks/{task}/supplements",
            new { items = new[] { new { material = "articles", reason = "章程第五条出资方式与申请表不一致" } } });
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        return task;
    }

    [Fact]
    public async Task ARequestAfterFiveWorkingDays_IsRefused_SayingUntilWhen()
    {
        await using var host = await AllInOneHost.StartAsync();
        await host.SubmitBusinessOpeningAsync();
        var task = (await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("samr-clerk", "/api/departments/SAMR/tasks"), t => t.GetArrayLength() == 1, "the SAMR task"))[0].GetProperty("id").GetString();
        using var clerk = host.Client("samr-clerk");
        (await clerk.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();

        // Dispatched on Monday 2 March at 09:00: the window closes at the end of Monday 9 March.
        host.Clock.Advance(new DateTimeOffset(2026, 3, 10, 9, 0, 0, Cst) - host.Clock.GetUtcNow());
        using var late = await clerk.PostAsJsonAsync($"/api/tasks/{task}/supplements",
            new { items = new[] { new { material = "articles", reason = "章程缺页" } } });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("截至 2026-03-09 17:30", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    internal static async Task<HttpResponseMessage> UploadAsync(HttpClient citizen, Guid id, string key, string content)
    {
        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(content));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        using var body = new MultipartFormDataContent { { file, key, key + ".pdf" } };
        return await citizen.PostAsync($"/api/applications/{id}/materials", body);
    }

    internal static async Task<JsonElement> TaskAsync(AllInOneHost host, string? task) =>
        (await host.GetJsonAsync("samr-clerk", $"/api/tasks/{task}")).GetProperty("task");

    internal static JsonElement Licence(JsonElement application) =>
        application.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("stepId").GetString() == "business-licence");
}
