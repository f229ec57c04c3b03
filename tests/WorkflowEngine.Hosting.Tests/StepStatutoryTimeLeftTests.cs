using System.Net;
using System.Text.RegularExpressions;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// The applicant's progress page shows, on a step with a statutory limit, the working time left against it as well as
/// against the promised limit, in Chinese and in English: the licence (SAMR; 2 working hours promised, 3 working days
/// statutory) dispatched Monday 2 March 2026 at 09:00 and looked at an hour later, against figures counted by hand.
/// </summary>
[Trait("Category", "Integration")]
public sealed class StepStatutoryTimeLeftTests
{
    [Fact]
    public async Task TheLicenceStepCard_ShowsTheWorkingTimeLeftAgainstBothLimits()
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        var id = await LicenceAtSamrAsync(host);
        host.Clock.Advance(TimeSpan.FromHours(1));
        // Whole working days count from the close of the starting day: the statutory 3 working days run from 17:30 on
        // Monday 2 March to the close of Thursday 5 March, so an hour into Monday none of them is used: 3 days (21 office
        // hours of 7 a day) are left. The promised 2 working hours count from 09:00: 1 is left.
        const string days = "3";
        var licence = (await host.GetJsonAsync("zhangsan", $"/api/applications/{id}/clocks")).GetProperty("clocks").EnumerateArray()
            .Single(c => c.GetProperty("id").GetString() == "business-licence");
        var statutory = licence.GetProperty("statutory");
        var cst = TimeSpan.FromHours(8);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 17, 30, 0, cst), statutory.GetProperty("countsFrom").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2026, 3, 5, 17, 30, 0, cst), statutory.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal((21m, 3m), (statutory.GetProperty("leftHours").GetDecimal(), statutory.GetProperty("leftWorkingDays").GetDecimal()));

        using var browser = await PageSignInTests.SignedInBrowserAsync(host, "zhangsan", "Demo#2026");
        var page = Tight(WebUtility.HtmlDecode(await browser.GetStringAsync($"/applications/{id}")));

        Assert.Contains("<dt>剩余工作时间</dt><dd class=\"time-left\">剩余 1 小时</dd>", page, StringComparison.Ordinal);
        Assert.Contains($"<dt>距法定期限剩余工作时间</dt><dd class=\"statutory-time-left\">剩余 {days} 个工作日</dd>", page, StringComparison.Ordinal);
        // The seal step (PSB) has no statutory limit and is not yet dispatched: no statutory time left is shown for it.
        Assert.Single(Regex.Matches(page, "class=\"statutory-time-left\""));

        var english = Tight(await ProvisionalDueTimeTests.SwitchToEnglishAsync(browser, $"/applications/{id}"));
        Assert.Contains($"<dt>Working time left (statutory)</dt><dd class=\"statutory-time-left\">{days} working days left</dd>", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bug_11_TheTimeLeftUnderAnHour_ReadAsAFractionOfAWorkingHour()
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        var id = await LicenceAtSamrAsync(host);
        // 10:30: half of the licence's two promised working hours (due 11:00) is left; a citizen says "30 minutes", not
        // "0.5 working hours".
        host.Clock.Advance(TimeSpan.FromMinutes(90));

        using var browser = await PageSignInTests.SignedInBrowserAsync(host, "zhangsan", "Demo#2026");
        var page = Tight(WebUtility.HtmlDecode(await browser.GetStringAsync($"/applications/{id}")));
        Assert.Contains("<dt>剩余工作时间</dt><dd class=\"time-left\">剩余 30 分钟</dd>", page, StringComparison.Ordinal);

        var english = Tight(await ProvisionalDueTimeTests.SwitchToEnglishAsync(browser, $"/applications/{id}"));
        Assert.Contains("<dd class=\"time-left\">30 minutes left</dd>", english, StringComparison.Ordinal);
    }

    /// <summary>A 企业开办 submitted on the host, once its licence step has reached SAMR.</summary>
    private static async Task<Guid> LicenceAtSamrAsync(AllInOneHost host)
    {
        var id = await host.SubmitBusinessOpeningAsync();
        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("samr-clerk", "/api/departments/SAMR/tasks"), t => t.GetArrayLength() == 1, "the SAMR task");
        return id;
    }

    /// <summary>A page's HTML without the white space between its tags, so that a test reads an element and its neighbour as one.</summary>
    private static string Tight(string html) => Regex.Replace(html, @">\s+<", "><");
}
