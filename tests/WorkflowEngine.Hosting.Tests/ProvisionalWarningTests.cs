using System.Net;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// The engine's red card reaches the department host with its due time; when that due time is counted through a year
/// with no holiday arrangement loaded, the clerk's task (API and page) and the supervisors' notice mark it 暂定, and
/// otherwise they do not.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ProvisionalWarningTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    /// <summary>Thursday 31 December 2026, 16:30: the licence's two office hours end on Friday 1 January 2027, in a year not loaded.</summary>
    private static readonly DateTimeOffset NewYearsEve = new(2026, 12, 31, 16, 30, 0, Cst);

    [Fact]
    public async Task ARedCardOfADueTimeInAYearNotLoaded_IsMarkedProvisional_OnTheTaskAndInTheNotice()
    {
        var (task, notice, page, english) = await RedTaskAsync(NewYearsEve, new DateTimeOffset(2027, 1, 1, 10, 15, 0, Cst));

        Assert.True(task.GetProperty("warningProvisional").GetBoolean());
        Assert.Contains("2027", task.GetProperty("warningProvisionalReason").GetString(), StringComparison.Ordinal);
        Assert.Contains("2027-01-01 10:00，暂定）", notice, StringComparison.Ordinal);
        Assert.Contains("class=\"provisional-badge\">暂定<", page, StringComparison.Ordinal);
        Assert.Contains("尚未收录 2027 年的放假安排", page, StringComparison.Ordinal);
        Assert.Contains("class=\"provisional-badge\">Provisional<", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARedCardOfADueTimeInALoadedYear_IsNotMarkedProvisional()
    {
        var (task, notice, page, english) = await RedTaskAsync(AllInOneHost.MondayMorning, new DateTimeOffset(2026, 3, 2, 11, 15, 0, Cst));

        Assert.False(task.GetProperty("warningProvisional").GetBoolean());
        Assert.Equal(JsonValueKind.Null, task.GetProperty("warningProvisionalReason").ValueKind);
        Assert.DoesNotContain("暂定", notice, StringComparison.Ordinal);
        Assert.DoesNotContain("provisional-badge", page, StringComparison.Ordinal);
        Assert.DoesNotContain("provisional-badge", english, StringComparison.Ordinal);
    }

    /// <summary>
    /// Submits 企业开办 at <paramref name="start"/>, lets the engine give the licence's red card at <paramref name="late"/>,
    /// and returns the clerk's task as the API gives it, the supervisors' red notice, and the warning on the task's page in
    /// Chinese and in English.
    /// </summary>
    private static async Task<(JsonElement Task, string Notice, string Page, string English)> RedTaskAsync(DateTimeOffset start, DateTimeOffset late)
    {
        await using var host = await AllInOneHost.StartAsync(start);
        var id = await host.SubmitBusinessOpeningAsync();
        var taskId = (await host.TaskOfAsync(id)).GetProperty("id").GetString();
        host.Clock.Advance(late - host.Clock.GetUtcNow());
        await host.FireDueTimersAsync();

        var task = (await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("samr-clerk", $"/api/tasks/{taskId}"),
            t => t.GetProperty("task").GetProperty("warning").GetString() == "red",
            "the licence's red card")).GetProperty("task");
        var notice = (await host.GetJsonAsync("samr-supervisor", "/api/departments/SAMR/notices")).EnumerateArray()
            .Single(n => n.GetProperty("kind").GetString() == "red").GetProperty("message").GetString()!;
        using var desk = await PageSignInTests.SignedInBrowserAsync(host, "samr-clerk", "Demo#2026");
        var page = WarningOf(WebUtility.HtmlDecode(await desk.GetStringAsync($"/desk/tasks/{taskId}")));
        var english = WarningOf(await ProvisionalDueTimeTests.SwitchToEnglishAsync(desk, $"/desk/tasks/{taskId}"));
        return (task, notice, page, english);
    }

    private static string WarningOf(string page)
    {
        var from = page.IndexOf("id=\"task-warning\"", StringComparison.Ordinal);
        Assert.True(from >= 0, "the task page shows its card");
        return page[from..page.IndexOf("</dd>", from, StringComparison.Ordinal)];
    }
}
