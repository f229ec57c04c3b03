using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// A department's supervisors see which of its steps stand still now, and why: an excluded period (expert review) with
/// the end the clerk gave, in the API and on the supervision page; and nothing once the clock runs again.
/// </summary>
[Trait("Category", "Integration")]
public sealed class PausedStepsTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    [Fact]
    public async Task AnExpertReviewWithItsEnd_IsListedForTheSupervisors_WithTheReasonAndTheEnd_UntilItEnds()
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        var (_, task) = await LicenceTask.OpenAsync(host);
        using var clerk = host.Client("samr-clerk");
        (await clerk.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
        Assert.Empty((await host.GetJsonAsync("samr-supervisor", "/api/departments/SAMR/paused")).EnumerateArray());

        var until = new DateTimeOffset(2026, 3, 4, 17, 30, 0, Cst);
        using var excluded = await clerk.PostAsJsonAsync(
            $"/api/tasks/{task}/exclusions", new { kind = "expert-review", reason = "企业名称含行业表述，需组织专家论证", until });
        Assert.Equal(HttpStatusCode.Accepted, excluded.StatusCode);

        var listed = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("samr-supervisor", "/api/departments/SAMR/paused"), p => p.GetArrayLength() == 1, "the paused licence in the supervisors' list");
        var paused = listed[0];
        Assert.Equal(task, paused.GetProperty("taskId").GetString());
        Assert.Equal("excluded", paused.GetProperty("pausedFor").GetString());
        Assert.Equal("专家评审：企业名称含行业表述，需组织专家论证", paused.GetProperty("reason").GetString());
        Assert.Equal(until, paused.GetProperty("until").GetDateTimeOffset());
        Assert.Equal(AllInOneHost.MondayMorning, paused.GetProperty("pausedSince").GetDateTimeOffset());
        Assert.Equal("samr-clerk", paused.GetProperty("claimedBy").GetString());

        // Supervisors only.
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("/api/departments/SAMR/paused")).StatusCode);
        using var psb = host.Client("psb-supervisor");
        Assert.Equal(HttpStatusCode.Forbidden, (await psb.GetAsync("/api/departments/SAMR/paused")).StatusCode);

        using var supervisor = await PageSignInTests.SignedInBrowserAsync(host, "samr-supervisor", "Demo#2026");
        var html = WebUtility.HtmlDecode(await supervisor.GetStringAsync("/desk/supervise?department=SAMR"));
        Assert.Contains("暂停计时的办件（1）", html, StringComparison.Ordinal);
        Assert.Contains("不计入时限的期间：专家评审：企业名称含行业表述，需组织专家论证", html, StringComparison.Ordinal);
        Assert.Contains("预计至 2026-03-04 17:30", html, StringComparison.Ordinal);

        // The clerk ends it early: the step runs again and leaves the list.
        host.Clock.Advance(TimeSpan.FromHours(1));
        (await clerk.PostAsync($"/api/tasks/{task}/exclusions/end", null)).EnsureSuccessStatusCode();
        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("samr-supervisor", "/api/departments/SAMR/paused"), p => p.GetArrayLength() == 0, "the licence gone from the list");
    }
}
