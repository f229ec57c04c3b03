using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace WorkflowEngine.Browser.Tests;

/// <summary>
/// The combined form's rules in the browser: each field is judged by the server's own validation as it is left, the
/// error stands next to it and in the summary, and a material that only a chosen answer calls for shows with that answer.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ApplyFormRulesBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AWrongCreditCode_IsShownNextToItsField_BeforeSubmitting_AndGoesWhenFixed()
    {
        var page = await fixture.SignedInAsync("zhangsan", "/services/construction-permit/apply");
        var code = page.GetByLabel("建设单位统一社会信用代码");
        var error = page.Locator("#f-builderCode-error");

        // The right length and characters, which is all the browser's own attributes check; the check digit is wrong.
        await code.FillAsync("91350100M000100Y44");
        await code.PressAsync("Tab");

        await Assertions.Expect(error).ToHaveTextAsync("建设单位统一社会信用代码：统一社会信用代码校验位错误");
        await Assertions.Expect(code).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(code).ToHaveAttributeAsync("aria-describedby", new Regex(@"(^|\s)f-builderCode-error(\s|$)"));
        var summary = page.Locator(".error-summary");
        await Assertions.Expect(summary.GetByRole(AriaRole.Link)).ToHaveTextAsync(["建设单位统一社会信用代码：统一社会信用代码校验位错误"]);
        Assert.Equal("#f-builderCode", await summary.GetByRole(AriaRole.Link).GetAttributeAsync("href"));
        // Only the field the applicant has left is judged: the required fields not reached yet are not called wrong.
        await Assertions.Expect(page.Locator(".field-error")).ToHaveCountAsync(1);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/services/construction-permit/apply$"));
        await PageChecks.AssertNoSeriousAccessibilityViolationAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "applicant-apply-live-error.png"), FullPage = true });

        await code.FillAsync("91350100M000100Y43");

        await Assertions.Expect(error).ToHaveCountAsync(0);
        await Assertions.Expect(code).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(summary).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task TheBanksForm_AppearsWhenTheBankBoxIsTicked_AndGoesWhenItIsUnticked()
    {
        var page = await fixture.SignedInAsync("zhangsan", "/services/business-opening/apply");
        var bankForm = page.Locator("[data-material='bankApplication']");
        var box = page.GetByLabel("预约银行开户");

        await Assertions.Expect(bankForm).ToBeHiddenAsync();

        await box.CheckAsync();
        await Assertions.Expect(bankForm).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("银行开户申请书")).ToBeEnabledAsync();
        await Assertions.Expect(bankForm).ToContainTextAsync("仅当“预约银行开户”为“是”时需要");
        await PageChecks.AssertNoSeriousAccessibilityViolationAsync(page);

        await box.UncheckAsync();
        await Assertions.Expect(bankForm).ToBeHiddenAsync();
    }

    [Fact]
    public async Task WithoutScript_TheBanksFormIsListed_WithItsConditionInWords()
    {
        var page = await fixture.SignedInAsync("zhangsan", "/services/business-opening/apply", javaScript: false);

        var bankForm = page.Locator("[data-material='bankApplication']");
        await Assertions.Expect(bankForm).ToBeVisibleAsync();
        await Assertions.Expect(bankForm).ToContainTextAsync("仅当“预约银行开户”为“是”时需要");
    }

    [Fact]
    public async Task Submitting_WithTheBankBoxUnticked_GivesTheReceipt()
    {
        var page = await fixture.SignedInAsync("zhangsan", "/services/business-opening/apply");
        await BusinessOpeningForm.FillAsync(page);
        Assert.False(await page.GetByLabel("预约银行开户").IsCheckedAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("申请已提交", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#tracking-number")).Not.ToBeEmptyAsync();
    }

    [Fact]
    public async Task SubmittingTheBlankForm_ShowsEveryErrorByItsField_AndTheSummaryTakesTheFocus_WithoutSendingIt()
    {
        var page = await fixture.SignedInAsync("zhangsan", "/services/business-opening/apply");
        var posts = CountPosts(page, "/services/business-opening/apply");

        await page.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();

        // Every required field at once, each by its field and linked in the summary, in the page's words: not the
        // browser's own bubble for the first field only.
        var summary = page.Locator(".error-summary");
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("[data-field^='form.'].field-invalid")).ToHaveCountAsync(9);
        await Assertions.Expect(page.Locator("#f-companyName-error")).ToHaveTextAsync("企业名称：必填");
        await Assertions.Expect(page.GetByLabel("企业名称")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(summary.Locator("a[href='#f-companyName']")).ToHaveCountAsync(1);
        await Assertions.Expect(summary.Locator("a[href^='#f-']")).ToHaveCountAsync(9);
        Assert.Equal(0, posts());
        await PageChecks.AssertNoSeriousAccessibilityViolationAsync(page);

        // Fixed, it goes as the applicant submits it.
        await BusinessOpeningForm.FillAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("申请已提交", new() { Timeout = 30_000 });
    }

    [Fact]
    public async Task LookingUpWithoutANumber_SaysSoByTheField_AndInTheFocusedSummary_WithoutSendingIt()
    {
        var page = await fixture.SignedInAsync("zhangsan", "/applications/track");
        var posts = CountPosts(page, "/applications/track");

        await page.GetByRole(AriaRole.Button, new() { Name = "查询", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator(".error-summary")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#tracking-number-error")).ToHaveTextAsync("请输入受理编号");
        await Assertions.Expect(page.Locator(".error-summary a[href='#tracking-number']")).ToHaveTextAsync("请输入受理编号");
        await Assertions.Expect(page.GetByLabel("受理编号")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Equal(0, posts());

        await page.GetByLabel("受理编号").FillAsync("X");
        await Assertions.Expect(page.Locator("#tracking-number-error")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AMaterialMissing_OfAnotherFormat_OrTooLarge_IsSaidByItsInput_BeforeAnythingIsUploaded()
    {
        var page = await fixture.SignedInAsync("zhangsan", "/services/business-opening/apply");
        var posts = CountPosts(page, "/services/business-opening/apply");
        await BusinessOpeningForm.FillAsync(page);
        var articles = page.GetByLabel("公司章程");
        var idCopy = page.GetByLabel("法定代表人身份证件");

        // As each is chosen, in the server's own words.
        await articles.SetInputFilesAsync(new FilePayload { Name = "章程.docx", MimeType = "application/octet-stream", Buffer = [1, 2, 3] });
        await Assertions.Expect(page.Locator("#m-articles-error")).ToHaveTextAsync("公司章程：不接受“.docx”文件（可用格式：pdf、jpg、jpeg、png）");
        await Assertions.Expect(articles).ToHaveAttributeAsync("aria-invalid", "true");
        await idCopy.SetInputFilesAsync(new FilePayload { Name = "身份证.pdf", MimeType = "application/pdf", Buffer = new byte[(10 * 1024 * 1024) + 1] });
        await Assertions.Expect(page.Locator("#m-legalRepIdCopy-error")).ToHaveTextAsync("法定代表人身份证件：文件超过 10 MB 的上限");

        await articles.SetInputFilesAsync(Array.Empty<FilePayload>());
        await page.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();

        var summary = page.Locator(".error-summary");
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await Assertions.Expect(summary.GetByRole(AriaRole.Link)).ToHaveTextAsync(["公司章程：请选择要上传的文件", "法定代表人身份证件：文件超过 10 MB 的上限"]);
        await Assertions.Expect(page.Locator("#m-articles-error")).ToHaveTextAsync("公司章程：请选择要上传的文件");
        // 容缺 (the address proof) may come later, and the bank's form is not called for: neither is asked for.
        await Assertions.Expect(page.Locator("#m-addressProof-error")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#m-bankApplication-error")).ToHaveCountAsync(0);
        Assert.Equal(0, posts());

        await articles.SetInputFilesAsync(BusinessOpeningForm.Articles);
        await idCopy.SetInputFilesAsync(BusinessOpeningForm.IdCopy);
        await Assertions.Expect(summary).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("申请已提交", new() { Timeout = 30_000 });
    }

    /// <summary>How many times the page has posted its form to <paramref name="path"/> so far.</summary>
    private static Func<int> CountPosts(IPage page, string path)
    {
        var posts = 0;
        page.Request += (_, request) =>
        {
            if (request.Method == "POST" && new Uri(request.Url).AbsolutePath == path)
            {
                Interlocked.Increment(ref posts);
            }
        };
        return () => Volatile.Read(ref posts);
    }
}
