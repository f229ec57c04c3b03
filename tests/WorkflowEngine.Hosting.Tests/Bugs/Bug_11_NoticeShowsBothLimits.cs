using System.Net;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// The one-time notice (一次性告知) showed one limit per step: the business licence's promised 2 working hours, never
/// the statutory 3 working days the law allows (市场主体登记管理条例 第十九条). The issue asks for "the promised and
/// statutory limits": a step with both shows both, each named; a step with one shows that one.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_11_NoticeShowsBothLimits(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Notice_ShowsAStepsPromisedAndStatutoryLimits_InChineseAndInEnglish()
    {
        using var browser = await PageSignInTests.SignedInBrowserAsync(fixture.Host, "zhangsan", "Demo#2026");
        var chinese = WebUtility.HtmlDecode(await browser.GetStringAsync("/services/business-opening"));
        var english = await ProvisionalDueTimeTests.SwitchToEnglishAsync(browser, "/services/business-opening");

        Assert.Contains("时限：承诺 2 个工作小时，法定 3 个工作日", StepOf(chinese, "营业执照"), StringComparison.Ordinal);
        Assert.Contains("Limit: 2 working hours (promised), 3 working days (statutory)", StepOf(english, "Business licence"), StringComparison.Ordinal);
        // A step the definition gives a promised limit only says just that.
        var seal = StepOf(chinese, "印章刻制");
        Assert.Contains("时限：2 个工作小时", seal, StringComparison.Ordinal);
        Assert.DoesNotContain("法定", seal, StringComparison.Ordinal);
    }

    /// <summary>A step's line of the notice's flow, from its title to the end of its list item.</summary>
    private static string StepOf(string page, string title)
    {
        var start = page.IndexOf($"<span class=\"step-title\">{title}</span>", StringComparison.Ordinal);
        Assert.True(start >= 0, $"the step {title}");
        return page[start..page.IndexOf("</li>", start, StringComparison.Ordinal)];
    }
}
