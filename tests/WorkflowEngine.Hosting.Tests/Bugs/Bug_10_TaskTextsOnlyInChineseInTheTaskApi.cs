using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// The department keeps a task's title, its service's title, its note and why its clock stands still in English too
/// (<c>ExecuteStep.titleEn</c>, <c>serviceTitleEn</c>, a recall's <c>reasonEn</c>, <c>StepDueChanged.pausedBecauseEn</c>),
/// and its English desk pages show them, but the clerk task API gave only the Chinese <c>title</c>, <c>serviceTitle</c>,
/// <c>note</c> and <c>pausedBecause</c>: a department's own English client had nothing else to show. Each now has its
/// English beside it, in the task, the queue and what an action answers; the supervisors' list of paused tasks, which
/// gave its reason in the reader's language, now gives the title so too.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_10_TaskTextsOnlyInChineseInTheTaskApi
{
    private const string Why = "企业名称含行业表述，需组织专家论证";

    [Fact]
    public async Task TheTaskApi_GivesTheTitlesTheNoteAndWhyTheClockStands_InEnglishBesideTheChinese()
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        var id = await host.SubmitBusinessOpeningAsync();
        var queued = await host.TaskOfAsync(id);
        Assert.Equal(("营业执照", "Business licence", "企业开办", "Business opening"), (queued.GetProperty("title").GetString(), queued.GetProperty("titleEn").GetString(),
            queued.GetProperty("serviceTitle").GetString(), queued.GetProperty("serviceTitleEn").GetString()));
        Assert.Equal(JsonValueKind.Null, queued.GetProperty("pausedBecauseEn").ValueKind);
        Assert.Equal(JsonValueKind.Null, queued.GetProperty("noteEn").ValueKind);

        // An expert review stops the clock: why, in both languages.
        var task = queued.GetProperty("id").GetString()!;
        using var clerk = host.Client("samr-clerk");
        (await clerk.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
        using var excluded = await clerk.PostAsJsonAsync($"/api/tasks/{task}/exclusions", new { kind = "expert-review", reason = Why });
        Assert.Equal(HttpStatusCode.Accepted, excluded.StatusCode);
        var paused = (await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("samr-clerk", $"/api/tasks/{task}"),
            t => t.GetProperty("task").GetProperty("pausedBecause").ValueKind == JsonValueKind.String,
            "the engine to stop the clock")).GetProperty("task");
        Assert.Equal(($"专家评审：{Why}", $"Expert review: {Why}"), (paused.GetProperty("pausedBecause").GetString(), paused.GetProperty("pausedBecauseEn").GetString()));
        Assert.Equal("Business licence", paused.GetProperty("titleEn").GetString());
        var listed = (await host.GetJsonAsync("samr-supervisor", "/api/departments/SAMR/paused", "en"))[0];
        Assert.Equal(("Business licence", $"Expert review: {Why}"), (listed.GetProperty("title").GetString(), listed.GetProperty("reason").GetString()));

        // Withdrawn by the applicant: the task's note says so in both languages.
        using var citizen = host.Client("zhangsan");
        (await citizen.PostAsJsonAsync($"/api/applications/{id}/withdrawal", new { reason = "公司名称需要重新核准" })).EnsureSuccessStatusCode();
        var cancelled = await AllInOneHost.EventuallyAsync(
            () => host.TaskOfAsync(id), t => t.GetProperty("status").GetString() == "cancelled", "the withdrawn task");
        Assert.Contains("申请人撤回申请", cancelled.GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.Contains("The applicant withdrew the application", cancelled.GetProperty("noteEn").GetString(), StringComparison.Ordinal);
    }
}
