using System.Net;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// Why a task is supervised (升级督办) was kept only in Chinese, though the engine sends it in both languages
/// (<c>StepEscalated.reasonEn</c>): the English task page and supervision page showed "Supervised: 红牌…仍未办结". The task
/// now keeps both, and each page shows the reader's; a task kept before (no English) still shows the Chinese.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_10_SupervisedReasonOnlyInChinese
{
    private const string Chinese = "红牌（超过办理时限）后 1 个工作小时仍未办结";
    private const string English = "Still not decided 1 working hour after the red card (past the time limit)";

    [Fact]
    public async Task TheSupervisedReason_IsShownInTheReadersLanguage()
    {
        // Monday 2 March 2026, 09:00: the licence is red at 11:00 and escalated (supervised) an office hour later.
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        var id = await host.SubmitBusinessOpeningAsync();
        var task = (await host.TaskOfAsync(id)).GetProperty("id").GetString()!;
        host.Clock.Advance(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.FromHours(8)) - host.Clock.GetUtcNow());
        await host.FireDueTimersAsync();
        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("samr-clerk", $"/api/tasks/{task}"),
            t => t.GetProperty("task").GetProperty("supervisedBecause").GetString() == Chinese,
            "the escalation on the task");

        using var supervisor = await PageSignInTests.SignedInBrowserAsync(host, "samr-supervisor", "Demo#2026");
        var zh = WebUtility.HtmlDecode(await supervisor.GetStringAsync($"/desk/tasks/{task}"));
        Assert.Contains($"自 2026-03-02 12:00：{Chinese}", zh, StringComparison.Ordinal);
        var zhSupervise = WebUtility.HtmlDecode(await supervisor.GetStringAsync("/desk/supervise?department=SAMR"));
        Assert.Contains($"督办：{Chinese}", zhSupervise, StringComparison.Ordinal);

        var en = WebUtility.HtmlDecode(await ProvisionalDueTimeTests.SwitchToEnglishAsync(supervisor, $"/desk/tasks/{task}"));
        Assert.Contains($"Since 2026-03-02 12:00: {English}", en, StringComparison.Ordinal);
        Assert.DoesNotContain("仍未办结", en, StringComparison.Ordinal);
        var enSupervise = WebUtility.HtmlDecode(await supervisor.GetStringAsync("/desk/supervise?department=SAMR"));
        Assert.Contains($"Supervised: {English}", enSupervise, StringComparison.Ordinal);
        Assert.DoesNotContain($"Supervised: {Chinese}", enSupervise, StringComparison.Ordinal);
    }
}
