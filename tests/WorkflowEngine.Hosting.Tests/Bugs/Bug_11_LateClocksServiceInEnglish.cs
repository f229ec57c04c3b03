using System.Net;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// The late-clocks list in English named each late application's service in Chinese inside Chinese brackets,
/// "企业开办（business-opening）", among English words. It now reads "Business opening (business-opening)", and stays
/// as it was in Chinese.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_11_LateClocksServiceInEnglish
{
    [Fact]
    public async Task TheServiceCell_InEnglish_HasTheEnglishTitleInPlainBrackets()
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        await StageClockTests.PublishStagedAsync(host);
        await host.SubmitBusinessOpeningAsync();
        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("samr-clerk", "/api/departments/SAMR/tasks"), t => t.GetArrayLength() == 1, "the SAMR task");
        // 15:00 Monday: the registration stage passed its promised 14:30.
        host.Clock.Advance(TimeSpan.FromHours(6));
        using var browser = await PageSignInTests.SignedInBrowserAsync(host, "admin", "Demo#2026");

        var chinese = WebUtility.HtmlDecode(await browser.GetStringAsync("/admin/late-clocks"));
        var english = await ProvisionalDueTimeTests.SwitchToEnglishAsync(browser, "/admin/late-clocks");

        Assert.Contains("企业开办（business-opening）</td>", chinese, StringComparison.Ordinal);
        Assert.Contains("Business opening (business-opening)</td>", english, StringComparison.Ordinal);
        Assert.DoesNotContain("（business-opening）", english, StringComparison.Ordinal);
    }
}
