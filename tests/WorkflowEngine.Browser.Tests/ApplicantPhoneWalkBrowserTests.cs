using System.Net.Http.Json;
using Microsoft.Playwright;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Browser.Tests;

/// <summary>
/// The applicant's whole path on a 375 px phone, as a citizen at home walks it: the catalogue, the one-time notice, the
/// combined form with its uploads, the receipt, the timeline, a supplement answered there, the completion and the rating
/// (好差评). Every page passes what every page must, and every control on it is big enough for a thumb.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ApplicantPhoneWalkBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task OnAPhone_FromTheCatalogueToTheRating_EveryPageIsUsable_AndEveryControlBigEnoughForAThumb()
    {
        var host = fixture.Host;
        var page = await fixture.SignedInAsync("zhangsan", "/");
        await page.SetViewportSizeAsync(PageChecks.PhoneWidth, 740);
        await CheckAsync(page, "walk-catalogue");

        await page.GetByRole(AriaRole.Link, new() { Name = "企业开办" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("企业开办");
        await CheckAsync(page, "walk-notice");

        await page.GetByRole(AriaRole.Link, new() { Name = "申请办理" }).First.ClickAsync();
        await BrowserFixture.ArrivedAsync(page, url => new Uri(url).AbsolutePath == "/services/business-opening/apply");
        await CheckAsync(page, "walk-apply-empty");
        await BusinessOpeningForm.FillAsync(page);
        await CheckAsync(page, "walk-apply-filled");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("申请已提交");
        await Assertions.Expect(page.Locator(".receipt #times-note")).ToHaveTextAsync("时间均为北京时间；期限只计工作时间，休息日和法定节假日不计。");
        await CheckAsync(page, "walk-receipt");
        await page.GetByRole(AriaRole.Link, new() { Name = "查看办理进度" }).ClickAsync();
        await Assertions.Expect(page.Locator("#step-business-licence")).ToContainTextAsync("市场监督管理局");
        var progress = page.Url;
        var id = Guid.Parse(new Uri(progress).AbsolutePath.Split('/')[2]);
        await CheckAsync(page, "walk-timeline");

        // SAMR asks for the articles again; the applicant answers on the timeline.
        var task = (await host.TaskOfAsync(id)).GetProperty("id").GetString();
        using (var clerk = host.Client("samr-clerk"))
        {
            (await clerk.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
            (await clerk.PostAsJsonAsync($"/api/tasks/{task}/supplements",
                new { items = new[] { new { material = "articles", reason = "章程缺全体股东签字页" } } })).EnsureSuccessStatusCode();
        }

        var upload = page.Locator(".upload-panel");
        await BrowserFixture.ReloadUntilAsync(page, upload.Locator("h2", new() { HasText = "需要补正的材料" }), "the supplement request");
        await CheckAsync(page, "walk-supplement");
        await upload.GetByLabel("公司章程").SetInputFilesAsync(BusinessOpeningForm.Articles);
        await page.GetByRole(AriaRole.Button, new() { Name = "上传", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("材料已上传。");
        await CheckAsync(page, "walk-supplied");

        // The departments decide; the applicant sees the completion and rates it.
        using (var clerk = host.Client("samr-clerk"))
        {
            await AllInOneHost.EventuallyAsync(
                async () => (await clerk.PostAsJsonAsync($"/api/tasks/{task}/complete", new { outcome = "approved" })).IsSuccessStatusCode, ok => ok, "the licence's approval");
        }

        await host.DecideOnlyTaskAsync("PSB", "psb-clerk", host.Clock.GetUtcNow());
        await BrowserFixture.ReloadUntilAsync(page, page.Locator("#application-status", new() { HasText = "已办结" }), "the completion");
        await CheckAsync(page, "walk-completed");

        var rating = page.Locator("#rating");
        await page.GetByRole(AriaRole.Group, new() { Name = "您对本次办理是否满意？" }).GetByLabel("满意", new() { Exact = true }).CheckAsync();
        await rating.GetByRole(AriaRole.Button, new() { Name = "提交评价" }).ClickAsync();
        await Assertions.Expect(page.Locator("#rating-given")).ToHaveTextAsync("满意");
        await CheckAsync(page, "walk-rated");

        // The same page in English, as the switch leaves it: the rating says every step in English, and the certificates
        // are named in English, as the definition names them.
        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to English" }).ClickAsync();
        await Assertions.Expect(page.Locator("#application-status")).ToContainTextAsync("Completed");
        Assert.DoesNotMatch(Han, await page.Locator("#rating").InnerTextAsync());
        var certificates = page.Locator("section[aria-labelledby='certificates-title'] li");
        await Assertions.Expect(certificates.First).ToContainTextAsync("Business licence");
        Assert.All(await certificates.AllInnerTextsAsync(), name => Assert.DoesNotMatch(Han, name));
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", BrowserFixture.English);
        await CheckAsync(page, "walk-rated-english");
    }

    [Fact]
    public async Task Bug_11_TheEnglishRatingForm_NamedEachDepartmentAndStepInChinese()
    {
        var id = await fixture.Host.FinishBusinessOpeningAsync();

        var page = await fixture.SignedInAsync("zhangsan", $"/applications/{id}", culture: BrowserFixture.English);

        var legends = await page.Locator("#rating-steps legend").AllInnerTextsAsync();
        Assert.Contains("Administration for Market Regulation · Business licence", legends);
        Assert.Contains("Account bank · Bank account opening", legends);
        Assert.All(legends, legend => Assert.DoesNotMatch(Han, legend));
    }

    /// <summary>Chinese characters, which a page in English says nothing of its own in.</summary>
    private const string Han = "[\\u4e00-\\u9fff]";

    /// <summary>What every page must pass, on the phone it is shown on, and its controls' size; the phone's screenshot as <c>&lt;name&gt;-phone.png</c>.</summary>
    private static async Task CheckAsync(IPage page, string screenshot)
    {
        await PageChecks.AssertUsableAsync(page, screenshot);
        await PageChecks.AssertControlsBigEnoughAsync(page);
    }
}
