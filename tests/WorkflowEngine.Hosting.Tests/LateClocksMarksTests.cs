using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// What the administrator's list of late bundles and stages (<c>GET /api/admin/late-clocks</c>, <c>/admin/late-clocks</c>)
/// says beside a due time: 暂定 where it is counted through a year with no holiday arrangement loaded; and that a clock
/// stands still, listed after the running ones of its colour, whose lateness still grows. The shipped 企业开办 with its
/// licence in a registration stage of 4 working hours (<see cref="StageClockTests.PublishStagedAsync"/>).
/// </summary>
[Trait("Category", "Integration")]
public sealed class LateClocksMarksTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    [Fact]
    public async Task AStageDueInAYearNotLoaded_IsListedProvisional_InTheApiAndOnThePage_InBothLanguages()
    {
        // Thursday 31 December 2026, 14:30: three office hours that day, the fourth on Friday 1 January 2027.
        var (item, page, english) = await LateStageAsync(new DateTimeOffset(2026, 12, 31, 14, 30, 0, Cst), new DateTimeOffset(2027, 1, 1, 10, 30, 0, Cst));

        Assert.Equal(2027, item.GetProperty("dueAt").GetDateTimeOffset().Year);
        Assert.True(item.GetProperty("provisional").GetBoolean());
        Assert.Contains("2027", item.GetProperty("provisionalReason").GetString(), StringComparison.Ordinal);
        Assert.Equal([2027], item.GetProperty("provisionalYears").EnumerateArray().Select(y => y.GetInt32()));
        Assert.Contains("class=\"provisional-badge\">暂定<", page, StringComparison.Ordinal);
        Assert.Contains("尚未收录 2027 年的放假安排", page, StringComparison.Ordinal);
        Assert.Contains("class=\"provisional-badge\">Provisional<", english, StringComparison.Ordinal);
        Assert.Contains("no holiday arrangement loaded for 2027", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStageDueInALoadedYear_IsNotMarkedProvisional()
    {
        var (item, page, english) = await LateStageAsync(AllInOneHost.MondayMorning, new DateTimeOffset(2026, 3, 2, 15, 0, 0, Cst));

        Assert.False(item.GetProperty("provisional").GetBoolean());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("provisionalReason").ValueKind);
        Assert.DoesNotContain("provisional-badge", page, StringComparison.Ordinal);
        Assert.DoesNotContain("provisional-badge", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APausedRedStage_IsListedAfterARunningRedStage_ThoughItsDueTimeIsEarlier_AndShownPaused()
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        await StageClockTests.PublishStagedAsync(host);
        // Submitted at 09:00 and at 10:00: their stages are due at 14:30 and 15:30.
        var earlier = await host.SubmitBusinessOpeningAsync();
        var earlierTask = (await host.TaskOfAsync(earlier)).GetProperty("id").GetString();
        host.Clock.Advance(TimeSpan.FromHours(1));
        var later = await host.SubmitBusinessOpeningAsync("lisi");
        await host.TaskOfAsync(later);

        // 15:45: both red, the earlier the more overdue, and listed first while both run.
        host.Clock.Advance(new DateTimeOffset(2026, 3, 2, 15, 45, 0, Cst) - host.Clock.GetUtcNow());
        Assert.Equal([earlier, later], await StagesListedAsync(host));

        // The earlier one's clerk asks for the articles (补正): its stage stands still, red; how late it is stops growing.
        using var clerk = host.Client("samr-clerk");
        (await clerk.PostAsync($"/api/tasks/{earlierTask}/claim", null)).EnsureSuccessStatusCode();
        using var asked = await clerk.PostAsJsonAsync($"/api/tasks/{earlierTask}/supplements",
            new { items = new[] { new { material = "articles", reason = "章程第五条出资方式与申请表不一致" } } });
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{earlier}/clocks"),
            c => StageClockTests.ClockOf(c, "stage-licence").GetProperty("status").GetString() == "paused", "the earlier stage to stand still");

        Assert.Equal([later, earlier], await StagesListedAsync(host));
        var items = (await host.GetJsonAsync("admin", "/api/admin/late-clocks?level=red")).GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("kind").GetString() == "stage").ToList();
        Assert.Equal(["running", "paused"], items.Select(i => i.GetProperty("clockStatus").GetString()));
        Assert.All(items, i => Assert.Equal("red", i.GetProperty("warning").GetString()));

        using var browser = await PageSignInTests.SignedInBrowserAsync(host, "admin", "Demo#2026");
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync("/admin/late-clocks?level=red"));
        var rowOfLater = page.IndexOf($"data-application=\"{later}\" data-clock=\"stage-licence\"", StringComparison.Ordinal);
        var rowOfEarlier = page.IndexOf($"data-application=\"{earlier}\" data-clock=\"stage-licence\"", StringComparison.Ordinal);
        Assert.True(rowOfLater >= 0 && rowOfEarlier > rowOfLater, "the running stage's row comes before the paused one's");
        var pausedRow = page[rowOfEarlier..page.IndexOf("</tr>", rowOfEarlier, StringComparison.Ordinal)];
        Assert.Contains("data-paused=\"true\">暂停计时<", pausedRow, StringComparison.Ordinal);
        Assert.DoesNotContain("data-paused", page[rowOfLater..rowOfEarlier], StringComparison.Ordinal);
    }

    /// <summary>The applications whose registration stage is listed red, in the list's order.</summary>
    private static async Task<IReadOnlyList<Guid>> StagesListedAsync(AllInOneHost host) =>
        [.. (await host.GetJsonAsync("admin", "/api/admin/late-clocks?level=red")).GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("clockId").GetString() == "stage-licence")
            .Select(i => i.GetProperty("applicationId").GetGuid())];

    /// <summary>
    /// Submits 企业开办 at <paramref name="start"/> and returns, at <paramref name="late"/>, its registration stage as the
    /// list gives it, and that stage's row on the page in Chinese and in English.
    /// </summary>
    private static async Task<(JsonElement Item, string Page, string English)> LateStageAsync(DateTimeOffset start, DateTimeOffset late)
    {
        await using var host = await AllInOneHost.StartAsync(start);
        await StageClockTests.PublishStagedAsync(host);
        var id = await host.SubmitBusinessOpeningAsync();
        await host.TaskOfAsync(id);
        host.Clock.Advance(late - host.Clock.GetUtcNow());

        var item = (await host.GetJsonAsync("admin", "/api/admin/late-clocks")).GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("clockId").GetString() == "stage-licence");
        Assert.Equal("red", item.GetProperty("warning").GetString());
        using var browser = await PageSignInTests.SignedInBrowserAsync(host, "admin", "Demo#2026");
        var page = RowOf(WebUtility.HtmlDecode(await browser.GetStringAsync("/admin/late-clocks")));
        var english = RowOf(await ProvisionalDueTimeTests.SwitchToEnglishAsync(browser, "/admin/late-clocks"));
        return (item, page, english);
    }

    private static string RowOf(string page)
    {
        var from = page.IndexOf("data-clock=\"stage-licence\"", StringComparison.Ordinal);
        Assert.True(from >= 0, "the page lists the stage");
        return page[from..page.IndexOf("</tr>", from, StringComparison.Ordinal)];
    }
}
