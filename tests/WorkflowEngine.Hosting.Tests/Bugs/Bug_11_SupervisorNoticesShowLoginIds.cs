using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// The desk named people by name, but the notices its supervisors read were written with login ids
/// (“办件 … 已超过办理时限…，由 samr-clerk 办理”, “samr-clerk 申请第 2 次补正”): a notice now names the person as the
/// host's user directory keeps them (市场监管窗口), with the login id beside the name only where two of the department's
/// staff share it, in Chinese and in English.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_11_SupervisorNoticesShowLoginIds
{
    [Fact]
    public async Task ARedCardOnAClaimedTask_NamesItsHolder_OnTheApiAndThePage_InChineseAndEnglish()
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        var (id, task) = await LicenceTask.OpenAsync(host);
        using (var clerk = host.Client("samr-clerk"))
        {
            (await clerk.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
        }

        await RedAsync(host, id);

        var (chinese, english) = await NoticeAsync(host, task, "red");
        Assert.EndsWith("已超过办理时限（2026-03-02 11:00），由 市场监管窗口 办理", chinese, StringComparison.Ordinal);
        Assert.EndsWith("passed its time limit (2026-03-02 11:00); 市场监管窗口 holds it", english, StringComparison.Ordinal);
        using var supervisor = await PageSignInTests.SignedInBrowserAsync(host, "samr-supervisor", "Demo#2026");
        var page = WebUtility.HtmlDecode(await supervisor.GetStringAsync("/desk/supervise?department=SAMR"));
        // The name is marked as the person's own words inside the notice's sentence.
        Assert.Contains("，由 <span class=\"said\" lang=\"zh\">市场监管窗口</span> 办理", page, StringComparison.Ordinal);
        foreach (var shown in new[] { chinese, english, page })
        {
            Assert.DoesNotContain("samr-clerk", shown, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AFurtherSupplementRequest_WaitingForASupervisor_NamesTheClerkWhoAsks()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await host.SubmitBusinessOpeningAsync();
        var task = await SupplementApprovalTests.AnsweredFirstRequestAsync(host, id);
        await SupplementApprovalTests.AskAsync(host, task);

        var (chinese, english) = await NoticeAsync(host, task, "supplement");
        Assert.Contains("：市场监管窗口 申请第 2 次补正，待负责人审批。", chinese, StringComparison.Ordinal);
        Assert.Contains(": 市场监管窗口 asks to request supplements again (request 2)", english, StringComparison.Ordinal);
        Assert.DoesNotContain("samr-clerk", chinese + english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoClerksWithOneName_TheNoticeTellsThemApartByLoginId_AndAnUnknownIdReadsAsItself()
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        using (var admin = host.Client("admin"))
        {
            (await admin.PostAsJsonAsync("/api/admin/users", new { userName = "samr-wangfang-1", displayName = "王芳", role = "clerk", department = "SAMR" })).EnsureSuccessStatusCode();
            (await admin.PostAsJsonAsync("/api/admin/users", new { userName = "samr-wangfang-2", displayName = "王芳", role = "clerk", department = "SAMR" })).EnsureSuccessStatusCode();
        }

        var (id, task) = await LicenceTask.OpenAsync(host);
        var (other, otherTask) = await LicenceTask.OpenAsync(host);
        using (var clerk = host.Client("samr-wangfang-1"))
        {
            (await clerk.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
        }

        // A clerk of the department's own system, whom this host's directory does not know, holds the other.
        var processor = host.Services.GetRequiredService<DepartmentProcessor>();
        Assert.Equal(TaskActionStatus.Ok, (await processor.ClaimAsync(Guid.Parse(otherTask), "samr-system-7", CancellationToken.None)).Status);

        await RedAsync(host, id);
        await RedAsync(host, other);

        var (chinese, english) = await NoticeAsync(host, task, "red");
        Assert.EndsWith("，由 王芳（samr-wangfang-1） 办理", chinese, StringComparison.Ordinal);
        Assert.EndsWith("; 王芳 (samr-wangfang-1) holds it", english, StringComparison.Ordinal);
        var (unknown, unknownEn) = await NoticeAsync(host, otherTask, "red");
        Assert.EndsWith("，由 samr-system-7 办理", unknown, StringComparison.Ordinal);
        Assert.EndsWith("; samr-system-7 holds it", unknownEn, StringComparison.Ordinal);
    }

    /// <summary>At 11:05 on Monday (or later) the application's licence step, due at 11:00, turns red.</summary>
    private static async Task RedAsync(AllInOneHost host, Guid id)
    {
        var due = Bug_10_ExtendedStepLosesItsRedCard.FirstDue;
        if (host.Clock.GetUtcNow() < due.AddMinutes(5))
        {
            host.Clock.Advance(due.AddMinutes(5) - host.Clock.GetUtcNow());
        }

        await host.Services.GetRequiredService<DepartmentProcessor>()
            .RaiseWarningAsync(Bug_10_ExtendedStepLosesItsRedCard.Red(id, due), Bug_10_ExtendedStepLosesItsRedCard.NewId(), CancellationToken.None);
    }

    /// <summary>SAMR's one notice of <paramref name="kind"/> about <paramref name="task"/>, as its supervisor reads it in Chinese and in English.</summary>
    private static async Task<(string Chinese, string English)> NoticeAsync(AllInOneHost host, string task, string kind)
    {
        bool Wanted(JsonElement n) => n.GetProperty("kind").GetString() == kind && n.GetProperty("taskId").GetString() == task;
        var chinese = Assert.Single((await host.GetJsonAsync("samr-supervisor", "/api/departments/SAMR/notices")).EnumerateArray(), Wanted);
        using var api = host.Client("samr-supervisor");
        api.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
        var english = Assert.Single(await api.GetFromJsonAsync<JsonElement[]>("/api/departments/SAMR/notices") ?? [], Wanted);
        return (chinese.GetProperty("message").GetString()!, english.GetProperty("message").GetString()!);
    }
}
