using System.Net;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// Escalation rules (升级督办) as a department sees them, over the all-in-one host: the business-opening bundle puts a
/// step still undecided one working hour after its red card first in the queue (特急) and under the supervisors' eyes.
/// </summary>
[Trait("Category", "Integration")]
public sealed class EscalationTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    [Fact]
    public async Task ALicenceUndecidedAnHourAfterItsRedCard_BecomesUrgent_AndSupervised_Once()
    {
        // Monday 2 March 2026, 09:00: the licence is due at 11:00 (red); the rule follows one office hour later, at 12:00.
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        var id = await host.SubmitBusinessOpeningAsync();
        var task = (await host.TaskOfAsync(id)).GetProperty("id").GetString()!;

        await AdvanceToAsync(host, 11, 59);
        await AllInOneHost.EventuallyAsync(() => TaskAsync(host, task), t => t.GetProperty("warning").GetString() == "red", "the red card");
        var red = await TaskAsync(host, task);
        Assert.Equal(("normal", JsonValueKind.Null), (red.GetProperty("priority").GetString(), red.GetProperty("supervisedAt").ValueKind));

        await AdvanceToAsync(host, 12, 0);
        var escalated = await AllInOneHost.EventuallyAsync(
            () => TaskAsync(host, task), t => t.GetProperty("priority").GetString() == "urgent", "the escalation on the clerk's task");
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 12, 0, 0, Cst), escalated.GetProperty("supervisedAt").GetDateTimeOffset());
        Assert.Equal("红牌（超过办理时限）后 1 个工作小时仍未办结", escalated.GetProperty("supervisedBecause").GetString());
        var notice = Assert.Single(
            (await host.GetJsonAsync("samr-supervisor", "/api/departments/SAMR/notices")).EnumerateArray(), n => n.GetProperty("kind").GetString() == "escalated");
        Assert.Contains("升级督办", notice.GetProperty("message").GetString(), StringComparison.Ordinal);

        // The supervisor's page lists it among the steps escalated to them.
        using var supervisor = await PageSignInTests.SignedInBrowserAsync(host, "samr-supervisor", "Demo#2026");
        using var page = await supervisor.GetAsync("/desk/supervise?department=SAMR");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains("升级督办的办件（1）", html, StringComparison.Ordinal);
        Assert.Contains("督办：红牌（超过办理时限）后 1 个工作小时仍未办结", html, StringComparison.Ordinal);

        // However often the engine looks again, the rule applied once.
        await AdvanceToAsync(host, 15, 0);
        await host.FireDueTimersAsync();
        var audit = (await host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries").EnumerateArray()
            .Where(e => e.GetProperty("type").GetString() == "Escalated")
            .ToArray();
        var line = Assert.Single(audit);
        Assert.Equal(("business-licence", "urgent"), (line.GetProperty("stepId").GetString(), line.GetProperty("data").GetProperty("priority").GetString()));
        Assert.Single((await host.GetJsonAsync("samr-supervisor", "/api/departments/SAMR/notices")).EnumerateArray(), n => n.GetProperty("kind").GetString() == "escalated");
    }

    [Fact]
    public async Task TheBundlePassingItsPromisedWorkingDay_IsToldToTheSupervisorsOfADepartmentStillHoldingAStep_Once()
    {
        // 企业开办 promises one working day, counted from the day after submission (due Tuesday 17:30): on Wednesday
        // morning the whole 一件事 is overdue, with the licence still open.
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        var id = await host.SubmitBusinessOpeningAsync();
        var task = (await host.TaskOfAsync(id)).GetProperty("id").GetString()!;

        host.Clock.Advance(new DateTimeOffset(2026, 3, 4, 10, 0, 0, Cst) - host.Clock.GetUtcNow());
        await host.FireDueTimersAsync();

        var notice = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("samr-supervisor", "/api/departments/SAMR/notices"),
            n => n.EnumerateArray().Any(x => x.GetProperty("kind").GetString() == "bundle-red"),
            "the bundle's red card among the supervisor's notices");
        var message = notice.EnumerateArray().Single(x => x.GetProperty("kind").GetString() == "bundle-red").GetProperty("message").GetString()!;
        Assert.Contains("所在的一件事「企业开办", message, StringComparison.Ordinal);
        Assert.Contains("已超过承诺时限", message, StringComparison.Ordinal);
        // The task keeps its own card: the licence's, not the bundle's.
        Assert.Equal("red", (await TaskAsync(host, task)).GetProperty("warning").GetString());

        await host.FireDueTimersAsync();
        Assert.Single((await host.GetJsonAsync("samr-supervisor", "/api/departments/SAMR/notices")).EnumerateArray(), n => n.GetProperty("kind").GetString() == "bundle-red");
    }

    private static async Task AdvanceToAsync(AllInOneHost host, int hour, int minute)
    {
        host.Clock.Advance(new DateTimeOffset(2026, 3, 2, hour, minute, 0, Cst) - host.Clock.GetUtcNow());
        await host.FireDueTimersAsync();
    }

    private static async Task<JsonElement> TaskAsync(AllInOneHost host, string task) =>
        (await host.GetJsonAsync("samr-clerk", $"/api/tasks/{task}")).GetProperty("task");
}
