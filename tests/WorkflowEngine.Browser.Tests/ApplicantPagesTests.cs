using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Browser.Tests;

/// <summary>
/// An applicant's own pages in a real browser against the all-in-one host: signing in, filling the combined form with
/// its uploads, the receipt, every department's step on the progress page, and answering a supplement request (补正).
/// </summary>
[Trait("Category", "Browser")]
public sealed class ApplicantPagesTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Password = "Demo#2026";

    [Fact]
    public async Task Applicant_FillsTheBusinessOpeningForm_FixesAFieldError_AndFollowsEveryStep()
    {
        var page = await SignedInAsync("zhangsan", "/services/business-opening");

        await page.GetByRole(AriaRole.Link, new() { Name = "申请办理" }).ClickAsync();
        Assert.EndsWith("/services/business-opening/apply", page.Url, StringComparison.Ordinal);
        // The browser's checks come from the same field definitions as the server's.
        Assert.Equal("50", await page.GetByLabel("企业名称").GetAttributeAsync("maxlength"));
        Assert.NotNull(await page.GetByLabel("企业名称").GetAttributeAsync("required"));
        Assert.Contains("可容缺", await page.Locator("#m-addressProof-help").InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.AssertUsableAsync(page);

        // A resident ID number with a wrong check digit passes the browser's length check, and the server refuses it.
        await BusinessOpeningForm.FillAsync(page, legalRepId: "110105194912310021", openBankAccount: true);
        await page.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();

        // The page asks the server's rules before it sends anything, so the message comes a moment after the click.
        await Assertions.Expect(page.Locator("#f-legalRepId-error")).ToContainTextAsync("法定代表人公民身份号码");
        Assert.Equal("#f-legalRepId", await page.Locator(".error-summary a").First.GetAttributeAsync("href"));
        Assert.Equal("true", await page.GetByLabel("法定代表人公民身份号码").GetAttributeAsync("aria-invalid"));
        // What was typed is kept; only the files are to be chosen again.
        Assert.Equal("福州闽江数字科技有限公司", await page.GetByLabel("企业名称").InputValueAsync());
        Assert.Equal(1, await page.Locator(".error-summary li").CountAsync());
        await PageChecks.AssertNoSeriousAccessibilityViolationAsync(page);
        await ScreenshotAsync(page, "apply-field-error");
        // The server's answer with its errors, as shown (not the form drawn afresh): on a phone too, nothing scrolls sideways.
        await PageChecks.AssertFitsAPhoneAsync(page, "apply-field-error");
        await Assertions.Expect(page.Locator("#f-legalRepId-error")).Not.ToBeEmptyAsync();

        await page.GetByLabel("法定代表人公民身份号码").FillAsync("11010519491231002X");
        await page.GetByLabel("公司章程").SetInputFilesAsync(BusinessOpeningForm.Articles);
        await page.GetByLabel("法定代表人身份证件").SetInputFilesAsync(BusinessOpeningForm.IdCopy);
        await page.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();

        // The receipt: the tracking number and the bundle's due time in Beijing time, as the API has them.
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("申请已提交", new() { Timeout = 30_000 });
        var trackingNumber = (await page.Locator("#tracking-number").InnerTextAsync()).Trim();
        var id = Guid.Parse(page.Url.Split('/')[^2]);
        var application = await fixture.Host.GetJsonAsync("zhangsan", $"/api/applications/{id}");
        Assert.Equal(application.GetProperty("trackingNumber").GetString(), trackingNumber);
        var due = application.GetProperty("dueAt").GetDateTimeOffset().ToOffset(TimeSpan.FromHours(8));
        var dueText = await page.Locator("#due-at").InnerTextAsync();
        Assert.Contains(due.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), dueText, StringComparison.Ordinal);
        Assert.Contains("工作日", dueText, StringComparison.Ordinal);
        Assert.Contains("住所使用证明", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await ScreenshotAsync(page, "receipt");
        await PageChecks.AssertUsableAsync(page);

        // Progress: every department's step with its department, due time and working time left.
        await page.GetByRole(AriaRole.Link, new() { Name = "查看办理进度" }).ClickAsync();
        var licence = page.Locator("#step-business-licence");
        await Assertions.Expect(licence).ToContainTextAsync("营业执照");
        await Assertions.Expect(licence).ToContainTextAsync("市场监督管理局");
        await Assertions.Expect(licence.Locator(".time-left")).ToContainTextAsync("剩余");
        await Assertions.Expect(page.Locator("#step-seal-engraving")).ToContainTextAsync("公安局");
        await Assertions.Expect(page.Locator("#step-tax-registration")).ToContainTextAsync("税务局");
        await Assertions.Expect(page.Locator("#step-bank-account")).ToContainTextAsync("银行开户");
        // The material accepted as coming later (容缺) can be supplied here, by its due day.
        await Assertions.Expect(page.Locator(".upload-panel h2")).ToHaveTextAsync("待补交的材料");
        await Assertions.Expect(page.Locator(".upload-panel")).ToContainTextAsync("住所使用证明");
        // When the step was sent, and why its due time is what it is: the clocks API's explanation, folded until asked for.
        await Assertions.Expect(licence.Locator(".step-times")).ToContainTextAsync("送达部门");
        await licence.Locator(".clock-why summary").ClickAsync();
        await Assertions.Expect(licence.Locator(".clock-why-statutory")).ToContainTextAsync("受理当日不计入");
        await ScreenshotAsync(page, "progress");
        await PageChecks.AssertUsableAsync(page);

        // Listed among my applications, and found by its tracking number (in any letter case).
        await page.GetByRole(AriaRole.Link, new() { Name = "我的申请" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = trackingNumber })).ToBeVisibleAsync();
        // It waits on its applicant for the material accepted as coming later (容缺): marked in words, with the way there.
        var row = page.Locator("tr", new() { Has = page.GetByRole(AriaRole.Link, new() { Name = trackingNumber }) });
        await Assertions.Expect(row.Locator(".badge-action")).ToHaveTextAsync("待您处理");
        await Assertions.Expect(row.GetByRole(AriaRole.Link, new() { Name = "补交材料：住所使用证明" })).ToHaveAttributeAsync("href", $"/applications/{id}#upload-title");
        await PageChecks.AssertUsableAsync(page);
        await ScreenshotAsync(page, "my-applications");
        await page.GetByRole(AriaRole.Link, new() { Name = "查询办件" }).First.ClickAsync();
        await page.GetByLabel("受理编号").FillAsync(trackingNumber.ToLowerInvariant());
        await page.GetByRole(AriaRole.Button, new() { Name = "查询", Exact = true }).ClickAsync();
        await BrowserFixture.ArrivedAsync(page, url => url.EndsWith($"/applications/{id}", StringComparison.Ordinal));

        // The same page in English.
        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to English" }).ClickAsync();
        await Assertions.Expect(page.Locator("#steps-title")).ToHaveTextAsync("Each department's step");
        await Assertions.Expect(page.Locator("#step-business-licence")).ToContainTextAsync("Business licence");
        await Assertions.Expect(page.Locator("#step-business-licence")).ToContainTextAsync("Administration for Market Regulation");
    }

    [Fact]
    public async Task Applicant_AnswersASupplementRequestOnThePage_AndTheStepsClockRunsAgain()
    {
        var host = fixture.Host;
        var id = await host.SubmitBusinessOpeningAsync("zhangsan");
        var tasks = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("samr-clerk", "/api/departments/SAMR/tasks?status=all"),
            t => t.EnumerateArray().Any(e => e.GetProperty("applicationId").GetGuid() == id),
            "the licence task");
        var task = tasks.EnumerateArray().First(e => e.GetProperty("applicationId").GetGuid() == id).GetProperty("id").GetString();
        using (var clerk = host.Client("samr-clerk"))
        {
            (await clerk.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
            using var asked = await clerk.PostAsJsonAsync($"/api/tasks/{task}/supplements",
                new { items = new[] { new { material = "articles", reason = "章程第五条出资方式与申请表不一致" } }, note = "请重新上传盖章版本" });
            Assert.True(asked.IsSuccessStatusCode, await asked.Content.ReadAsStringAsync());
        }

        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}"), a => a.GetProperty("supplements").GetArrayLength() == 1, "the request on the application");
        var page = await SignedInAsync("zhangsan", $"/applications/{id}");

        // The request, its reason and the stopped clock, as the applicant reads them.
        var upload = page.Locator(".upload-panel");
        await Assertions.Expect(upload.Locator("h2")).ToHaveTextAsync("需要补正的材料");
        await Assertions.Expect(upload).ToContainTextAsync("章程第五条出资方式与申请表不一致");
        await Assertions.Expect(upload).ToContainTextAsync("请重新上传盖章版本");
        var licence = page.Locator("#step-business-licence");
        await Assertions.Expect(licence.Locator(".paused")).ToContainTextAsync("计时暂停：补正");
        await PageChecks.AssertUsableAsync(page);
        await ScreenshotAsync(page, "supplement-request");

        await page.GetByLabel("公司章程").SetInputFilesAsync(new FilePayload { Name = "章程（盖章）.pdf", MimeType = "application/pdf", Buffer = BusinessOpening.Pdf });
        await page.GetByRole(AriaRole.Button, new() { Name = "上传", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("材料已上传。");
        // Nothing is asked for any more; only the material accepted as coming later (容缺) is still to supply.
        await Assertions.Expect(page.Locator(".upload-panel h2")).ToHaveTextAsync("待补交的材料");
        await Assertions.Expect(page.GetByLabel("公司章程")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".upload-panel")).Not.ToContainTextAsync("章程第五条出资方式与申请表不一致");
        await Assertions.Expect(licence.Locator(".paused")).ToHaveCountAsync(0);
        await Assertions.Expect(licence.Locator(".time-left")).ToContainTextAsync("剩余");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("章程（盖章）.pdf");
        var clock = (await host.GetJsonAsync("zhangsan", $"/api/applications/{id}")).GetProperty("steps").EnumerateArray()
            .First(s => s.GetProperty("stepId").GetString() == "business-licence").GetProperty("clock").GetString();
        Assert.Equal("running", clock);
    }

    /// <summary>A fresh browser signed in on the sign-in page, sent on to <paramref name="returnUrl"/>.</summary>
    [Fact]
    public async Task TrackingPage_InEnglish_ShowsTheSupplementNoticeAndWhyTheClockStopped_InEnglish()
    {
        var host = fixture.Host;
        var id = await host.SubmitBusinessOpeningAsync("zhangsan");
        var task = (await host.TaskOfAsync(id)).GetProperty("id").GetString();
        using (var clerk = host.Client("samr-clerk"))
        {
            (await clerk.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
            using var asked = await clerk.PostAsJsonAsync($"/api/tasks/{task}/supplements",
                new { items = new[] { new { material = "legalRepIdCopy", reason = "复印件不清晰" } } });
            Assert.True(asked.IsSuccessStatusCode, await asked.Content.ReadAsStringAsync());
        }

        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}"), a => a.GetProperty("supplements").GetArrayLength() == 1, "the request on the application");
        var page = await SignedInAsync("zhangsan", $"/applications/{id}");
        await Assertions.Expect(page.Locator(".messages")).ToContainTextAsync("营业执照需要补正材料：法定代表人身份证件（复印件不清晰）");

        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to English" }).ClickAsync();

        await Assertions.Expect(page.Locator("#messages-title")).ToHaveTextAsync("Messages");
        await Assertions.Expect(page.Locator(".messages")).ToContainTextAsync(
            "Business licence needs materials supplied: Legal representative's identity document (复印件不清晰).");
        await Assertions.Expect(page.Locator("#step-business-licence .paused")).ToContainTextAsync(
            "Supplement: Legal representative's identity document (复印件不清晰)");
        Assert.DoesNotContain("需要补正材料", await page.Locator(".messages").InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.AssertNoSeriousAccessibilityViolationAsync(page);
        await ScreenshotAsync(page, "tracking-english-supplement");
    }

    private async Task<IPage> SignedInAsync(string user, string returnUrl)
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/account/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
        await page.GetByLabel("用户名").FillAsync(user);
        await page.GetByLabel("密码").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await BrowserFixture.ArrivedAsync(page, url => url.EndsWith(returnUrl, StringComparison.Ordinal));
        return page;
    }

    /// <summary>The whole page as an image beside the test assembly (<c>screenshots/applicant-&lt;name&gt;.png</c>), for the README and for a look after a failure.</summary>
    private static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", $"applicant-{name}.png"), FullPage = true });
}
