using Microsoft.Playwright;

namespace WorkflowEngine.Browser.Tests;

/// <summary>
/// The pages an applicant and the public use without signing in, in a real browser against the all-in-one host: each
/// passes axe, fits a phone and shows the keyboard focus, and does what its visitor came for.
/// </summary>
[Trait("Category", "Browser")]
public sealed class PublicPagesTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Catalogue_ListsTheThreeShippedServices_InChineseByDefault()
    {
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/");

        Assert.Equal("zh-CN", await page.GetAttributeAsync("html", "lang"));
        var services = await page.Locator("main .cards > li h2").AllInnerTextsAsync();
        Assert.Equal(
            new[] { "企业开办", "工程建设项目审批", "竣工联合验收与不动产首次登记" }.Order(StringComparer.Ordinal),
            services.Order(StringComparer.Ordinal));
        await PageChecks.AssertUsableAsync(page);
    }

    [Fact]
    public async Task Notice_TellsTheConditionInWords_NeverAsAnExpression()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");

        await page.GetByRole(AriaRole.Link, new() { Name = "竣工联合验收与不动产首次登记" }).ClickAsync();

        Assert.EndsWith("/services/joint-acceptance-registration", page.Url, StringComparison.Ordinal);
        var main = await page.Locator("main").InnerTextAsync();
        Assert.Contains("仅当“含人防工程”为“是”时办理", main, StringComparison.Ordinal);
        Assert.Contains("以下环节同时办理", main, StringComparison.Ordinal);
        Assert.Contains("可容缺受理：受理后 10 个工作日内补交", main, StringComparison.Ordinal);
        Assert.Contains("办理部门：人民防空办公室", main, StringComparison.Ordinal);
        Assert.DoesNotContain("==", main, StringComparison.Ordinal);
        Assert.DoesNotContain("hasCivilAirDefence", await page.ContentAsync(), StringComparison.Ordinal);
        await PageChecks.AssertUsableAsync(page);
    }

    [Fact]
    public async Task Notice_ShowsTheServiceGuide_AsAHeadedDefinitionList_OnAPhone()
    {
        var page = await fixture.NewPageAsync(width: 375, height: 800);

        await page.GotoAsync("/services/business-opening");

        var guide = page.Locator("section[aria-labelledby=guide]");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "办事指南", Level = 2 })).ToBeVisibleAsync();
        Assert.Equal(
            ["设定依据", "办理对象与受理条件", "收费标准", "办理地点", "办理时间", "咨询电话", "监督投诉电话", "结果送达", "到现场次数"],
            await guide.Locator("dl.guide-facts > dt").AllInnerTextsAsync());
        await Assertions.Expect(guide.GetByRole(AriaRole.Link, new() { Name = "0000-88661234" })).ToHaveAttributeAsync("href", "tel:0000-88661234");
        await Assertions.Expect(guide).ToContainTextAsync("法定工作日 09:00-12:00、13:30-17:30（法定节假日除外）");
        await PageChecks.AssertUsableAsync(page);
    }

    [Theory]
    [InlineData("business-opening", "企业开办")]
    [InlineData("construction-permit", "工程建设项目审批")]
    [InlineData("joint-acceptance-registration", "竣工联合验收与不动产首次登记")]
    public async Task EveryNotice_IsUsable_AndHasNoExpression(string service, string title)
    {
        var page = await fixture.NewPageAsync();

        await page.GotoAsync($"/services/{service}");

        Assert.StartsWith(title, await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("==", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.AssertUsableAsync(page);
    }

    [Fact]
    public async Task SwitchingToEnglish_ChangesTheTexts_AndIsKeptOnTheNextPages()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/services/business-opening");

        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to English" }).ClickAsync();

        // Back on the same page, in English.
        Assert.EndsWith("/services/business-opening", page.Url, StringComparison.Ordinal);
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.Contains("Materials to supply", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Link, new() { Name = "Services", Exact = true }).ClickAsync();
        Assert.Equal("Things you can get done at once", await page.Locator("h1").InnerTextAsync());
        Assert.Contains("Business opening", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.AssertUsableAsync(page);

        // A new tab of the same browser keeps the choice; switching back returns to Chinese.
        var other = await page.Context.NewPageAsync();
        await other.GotoAsync("/public");
        Assert.Equal("On-time completion, published", await other.Locator("h1").InnerTextAsync());
        await other.GetByRole(AriaRole.Button, new() { Name = "切换为中文" }).ClickAsync();
        Assert.Equal("按时办结率公开亮屏", await other.Locator("h1").InnerTextAsync());
    }

    [Fact]
    public async Task Dashboard_ShowsTheRates_AfterAnApplicationCompletes_WithoutAReload()
    {
        // The only test of the class that adds figures; the others do not read them.
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/public");
        Assert.Contains("尚无办结", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);

        await fixture.Host.FinishBusinessOpeningAsync();

        // The page's own script fetches the figures again; the visitor does nothing.
        var byDepartment = page.Locator("#by-department-heading ~ .table-wrap table");
        var licence = byDepartment.Locator("tbody tr", new() { HasText = "市场监督管理局" });
        await Assertions.Expect(licence.Locator("td").Last).ToHaveTextAsync("100%", new() { Timeout = 15_000 });
        var bank = byDepartment.Locator("tbody tr", new() { HasText = "银行" });
        Assert.Equal("0%", await bank.Locator("td").Last.InnerTextAsync());
        Assert.Equal("img", await page.Locator("#by-department-heading + svg").GetAttributeAsync("role"));
        Assert.Equal("各部门按时办结率", await page.Locator("#by-department-title").TextContentAsync());
        Assert.Contains("企业开办", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.AssertUsableAsync(page);

        // A second application, its licence now with SAMR: the steps in progress appear by department and by service,
        // against both limits, and the page stays accessible and fits a phone.
        await fixture.Host.SubmitBusinessOpeningAsync();
        var byService = page.Locator("#open-by-service");
        await Assertions.Expect(byService.Locator("tbody tr", new() { HasText = "企业开办" }).Locator("td").First).ToHaveTextAsync("1", new() { Timeout = 15_000 });
        Assert.Equal("超法定时限", await page.Locator("#open-by-department thead th").Last.InnerTextAsync());
        await PageChecks.AssertUsableAsync(page);
    }
}
