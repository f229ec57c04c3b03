using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// The clocks API explained every due time (the days that did not count and why, the working time used, paused and
/// left), but the progress page never showed it: an applicant saw a due time move after a supplement request (补正) and
/// could not tell why. Each step now has a "为什么是这个时间" (<c>&lt;details&gt;</c>, no script needed) with the API's own
/// explanation of each limit.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_11_ProgressPageExplainsTheDueTime
{
    [Fact]
    public async Task ProgressPage_ExplainsEachLimitOfAStep_AsTheClocksApiDoes_InChineseAndInEnglish()
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        var id = await host.SubmitBusinessOpeningAsync();
        var task = (await host.TaskOfAsync(id)).GetProperty("id").GetString();
        host.Clock.Advance(TimeSpan.FromMinutes(30));
        using (var clerk = host.Client("samr-clerk"))
        {
            (await clerk.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
            (await clerk.PostAsJsonAsync($"/api/tasks/{task}/supplements",
                new { items = new[] { new { material = "articles", reason = "章程缺页" } } })).EnsureSuccessStatusCode();
        }

        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}/clocks"), c => Licence(c).GetProperty("status").GetString() == "paused", "the licence clock to stand still");
        // An hour of the pause passes: it does not count.
        host.Clock.Advance(TimeSpan.FromHours(1));
        var clock = Licence(await host.GetJsonAsync("zhangsan", $"/api/applications/{id}/clocks"));
        using var browser = await PageSignInTests.SignedInBrowserAsync(host, "zhangsan", "Demo#2026");
        var why = Why(WebUtility.HtmlDecode(await browser.GetStringAsync($"/applications/{id}")));

        Assert.Contains("<summary>为什么是这个时间</summary>", why, StringComparison.Ordinal);
        var promised = clock.GetProperty("promised");
        var statutory = clock.GetProperty("statutory");
        Assert.True(promised.GetProperty("pausedHours").GetDecimal() > 0, "the API counts the pause");
        foreach (var (key, limit) in new[] { ("promised", promised), ("statutory", statutory) })
        {
            var part = Part(why, key);
            Assert.Contains($"已用 {Hours(limit, "usedHours")} 个工作小时", part, StringComparison.Ordinal);
            if (limit.GetProperty("pausedHours").GetDecimal() != 0)
            {
                Assert.Contains($"暂停计时 {Hours(limit, "pausedHours")} 个工作小时，不计入时限", part, StringComparison.Ordinal);
            }

            Assert.Contains($"时限共 {Hours(limit, "grantedHours")} 个工作小时", part, StringComparison.Ordinal);
            Assert.Contains($"自 {limit.GetProperty("countsFrom").GetDateTimeOffset().ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm} 起", part, StringComparison.Ordinal);
            // Every day that did not count, with its reason, as the API lists it.
            foreach (var day in limit.GetProperty("notCounted").EnumerateArray())
            {
                Assert.Contains($"data-date=\"{day.GetProperty("date").GetString()}\" data-reason=\"{day.GetProperty("reason").GetString()}\"", part, StringComparison.Ordinal);
            }
        }

        // The statutory limit is in whole working days: the day of acceptance does not count, and the paused hours on it neither.
        var statutoryPart = Part(why, "statutory");
        Assert.Contains("2026-03-02：受理当日不计入", statutoryPart, StringComparison.Ordinal);
        Assert.Contains(statutory.GetProperty("notCounted").EnumerateArray().Select(d => d.GetProperty("reason").GetString()), r => r == "start-day");

        var english = Why(await ProvisionalDueTimeTests.SwitchToEnglishAsync(browser, $"/applications/{id}"));
        Assert.Contains("<summary>Why this due time</summary>", english, StringComparison.Ordinal);
        Assert.Contains($"{Hours(promised, "usedHours")} working hours used", english, StringComparison.Ordinal);
        Assert.Contains("2026-03-02: the day of acceptance does not count", english, StringComparison.Ordinal);
    }

    private static JsonElement Licence(JsonElement clocks) =>
        clocks.GetProperty("clocks").EnumerateArray().Single(c => c.GetProperty("kind").GetString() == "step" && c.GetProperty("id").GetString() == "business-licence");

    private static string Hours(JsonElement limit, string name) => limit.GetProperty(name).GetDecimal().ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>The business licence's explanation on the page.</summary>
    private static string Why(string page)
    {
        var start = page.IndexOf("<details class=\"clock-why\" id=\"why-business-licence\">", StringComparison.Ordinal);
        Assert.True(start >= 0, "the licence step explains its due time");
        return page[start..page.IndexOf("</details>", start, StringComparison.Ordinal)];
    }

    /// <summary>One limit's part of an explanation.</summary>
    private static string Part(string why, string key)
    {
        var start = why.IndexOf($"<div class=\"clock-why-{key}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"the {key} limit is explained");
        return why[start..why.IndexOf("</div>", start, StringComparison.Ordinal)];
    }
}
