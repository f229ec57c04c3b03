using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// The department keeps why a task is supervised in English too (<c>supervised_because_en</c>, from
/// <c>StepEscalated.reasonEn</c>), and its English pages show it, but the clerk task API gave only the Chinese
/// <c>supervisedBecause</c>: a department's own English client had nothing to show. The task now carries
/// <c>supervisedBecauseEn</c> beside it, in the task, in the queue and in what an action answers.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_10_SupervisedReasonOnlyInChineseInTheTaskApi
{
    private const string Chinese = "红牌（超过办理时限）后 1 个工作小时仍未办结";
    private const string English = "Still not decided 1 working hour after the red card (past the time limit)";

    [Fact]
    public async Task TheTaskApi_GivesWhyATaskIsSupervised_InEnglishBesideTheChinese()
    {
        // Monday 2 March 2026, 09:00: the licence is red at 11:00 and escalated (supervised) an office hour later.
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        var id = await host.SubmitBusinessOpeningAsync();
        var task = (await host.TaskOfAsync(id)).GetProperty("id").GetString()!;
        host.Clock.Advance(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.FromHours(8)) - host.Clock.GetUtcNow());
        await host.FireDueTimersAsync();
        var detail = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("samr-clerk", $"/api/tasks/{task}"),
            t => t.GetProperty("task").GetProperty("supervisedBecause").GetString() == Chinese,
            "the escalation on the task");

        Assert.Equal(English, detail.GetProperty("task").GetProperty("supervisedBecauseEn").GetString());
        var queued = (await host.GetJsonAsync("samr-clerk", "/api/departments/SAMR/tasks")).EnumerateArray()
            .Single(t => t.GetProperty("id").GetString() == task);
        Assert.Equal((Chinese, English), (queued.GetProperty("supervisedBecause").GetString(), queued.GetProperty("supervisedBecauseEn").GetString()));

        // A task nobody supervised has neither.
        var other = await host.SubmitBusinessOpeningAsync();
        var calm = (await host.TaskOfAsync(other)).GetProperty("id").GetString()!;
        var unsupervised = (await host.GetJsonAsync("samr-clerk", $"/api/tasks/{calm}")).GetProperty("task");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, unsupervised.GetProperty("supervisedBecauseEn").ValueKind);
    }
}
