using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Browser.Tests;

/// <summary>
/// 企业开办 from beginning to end through the pages only, as the people at the windows and at home do it: an applicant
/// signs in and submits the form with its materials (the address proof left to come later, 容缺); the clerks of the
/// departments decide their steps on the desk pages, market regulation (SAMR) after a supplement round, public security
/// (PSB) and the bank (BANK, as 预约银行开户 is ticked) at once, while tax, social and medical insurance and the housing
/// fund decide by themselves (data sharing); the applicant sees the completion; an administrator pastes a broken definition, reads the error at its
/// line, fixes it, publishes it, sees its diagram and retires the old version; a clerk of another department is refused
/// the task on the page and in the API; the public dashboard, open all along, shows the new figures by itself.
/// </summary>
[Trait("Category", "Browser")]
public sealed class BusinessOpeningScenarioTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Company = "福州闽江数字科技有限公司";

    private static FilePayload Pdf(string name) => new() { Name = name, MimeType = "application/pdf", Buffer = BusinessOpening.Pdf };

    [Fact]
    public async Task AnApplication_IsSubmitted_DecidedOnTheDesks_OneAfterASupplementRound_AndCompleted_ThenTheDefinitionIsReplaced()
    {
        // The applicant signs in, reads the service's notice and opens its one form.
        var applicant = await fixture.SignedInAsync("zhangsan", "/services/business-opening");
        await Assertions.Expect(applicant.Locator("h1")).ToContainTextAsync("企业开办");
        await applicant.GetByRole(AriaRole.Link, new() { Name = "申请办理" }).ClickAsync();
        await BrowserFixture.ArrivedAsync(applicant, url => new Uri(url).AbsolutePath == "/services/business-opening/apply");

        await FillTheFormAsync(applicant);
        await Screenshots.SaveAsync(applicant, "apply");
        await applicant.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
        await Assertions.Expect(applicant.Locator("h1")).ToHaveTextAsync("申请已提交");
        var tracking = (await applicant.Locator("#tracking-number").InnerTextAsync()).Trim();
        await Screenshots.SaveAsync(applicant, "receipt");
        await applicant.GetByRole(AriaRole.Link, new() { Name = "查看办理进度" }).ClickAsync();
        var progress = applicant.Url;

        // The public dashboard, opened before anything is finished, follows the work without a reload.
        var dashboard = await fixture.NewPageAsync();
        await dashboard.GotoAsync("/public");
        await Assertions.Expect(dashboard.Locator("main")).ToContainTextAsync("尚无办结");
        await Assertions.Expect(applicant.Locator("#step-business-licence")).ToContainTextAsync("市场监督管理局");

        // SAMR's clerk finds it in the queue, claims it and asks for a signed copy of the articles.
        var samr = await fixture.SignedInAsync("samr-clerk", "/desk");
        var card = samr.Locator(".desk-task", new() { HasText = tracking });
        await BrowserFixture.ReloadUntilAsync(samr, card, "the licence task in SAMR's queue");
        await Screenshots.SaveAsync(samr, "desk-queue");
        await card.GetByRole(AriaRole.Link).ClickAsync();
        var samrTask = samr.Url;
        await Assertions.Expect(samr.Locator("main")).ToContainTextAsync(Company);
        await samr.GetByRole(AriaRole.Button, new() { Name = "认领", Exact = true }).ClickAsync();
        await Assertions.Expect(samr.Locator(".desk-done")).ToContainTextAsync("已认领");
        await samr.GetByLabel("公司章程", new() { Exact = true }).CheckAsync();
        await samr.Locator("#reason-articles").FillAsync("章程缺全体股东签字页");
        await samr.GetByRole(AriaRole.Button, new() { Name = "发送补正通知" }).ClickAsync();
        await Assertions.Expect(samr.Locator(".desk-done")).ToContainTextAsync("补正通知已发送");

        // The applicant reads the request on the progress page and uploads the signed articles there.
        await applicant.GotoAsync(progress);
        var upload = applicant.Locator(".upload-panel");
        await BrowserFixture.ReloadUntilAsync(applicant, upload.Locator("h2", new() { HasText = "需要补正的材料" }), "the supplement request on the progress page");
        await Assertions.Expect(upload).ToContainTextAsync("章程缺全体股东签字页");
        await Assertions.Expect(applicant.Locator("#step-business-licence .paused")).ToContainTextAsync("计时暂停：补正");
        await PageChecks.AssertUsableAsync(applicant, "application-supplement");
        await upload.GetByLabel("公司章程").SetInputFilesAsync(Pdf("章程（全体股东签字）.pdf"));
        await applicant.GetByRole(AriaRole.Button, new() { Name = "上传", Exact = true }).ClickAsync();
        await Assertions.Expect(applicant.GetByRole(AriaRole.Status)).ToHaveTextAsync("材料已上传。");

        // Back at SAMR, the clock runs again on the supplied articles, and the clerk approves.
        await samr.GotoAsync(samrTask);
        await BrowserFixture.ReloadUntilAsync(samr, samr.Locator("#task-clock", new() { HasText = "计时中" }), "the licence clock to run again");
        // The articles listed are the signed ones just supplied, not those the step came with; both versions are listed
        // beneath, newest first, each with its own download.
        var materials = samr.Locator("section[aria-labelledby='materials-heading']");
        await Assertions.Expect(materials.GetByRole(AriaRole.Link, new() { Name = "下载 章程（全体股东签字）.pdf" }).First).ToBeVisibleAsync();
        await Assertions.Expect(materials).ToContainTextAsync("补正提交（第 2 版");
        var versions = materials.Locator(".desk-versions li");
        await Assertions.Expect(versions).ToHaveCountAsync(2);
        await Assertions.Expect(versions.Nth(0)).ToContainTextAsync("第 2 版 · 第 1 次补正提交");
        await Assertions.Expect(versions.Nth(1).GetByRole(AriaRole.Link, new() { Name = "下载 章程.pdf" })).ToBeVisibleAsync();
        await Assertions.Expect(versions.Nth(1)).ToContainTextAsync("第 1 版 · 补正前收到的文件");
        await PageChecks.AssertUsableAsync(samr, "desk-task");
        await samr.GetByRole(AriaRole.Button, new() { Name = "通过", Exact = true }).ClickAsync();
        await Assertions.Expect(samr.Locator(".desk-done")).ToContainTextAsync("已通过");

        // PSB's clerk gets the seal step and BANK's clerk the account once the licence is issued; each approves at once.
        var psb = await DecideOnTheDeskAsync("psb-clerk", tracking);
        await DecideOnTheDeskAsync("bank-clerk", tracking);

        // The applicant sees the whole bundle completed, with its certificates.
        await applicant.GotoAsync(progress);
        await BrowserFixture.ReloadUntilAsync(applicant, applicant.Locator("#application-status", new() { HasText = "已办结" }), "the completion on the progress page");
        var certificates = applicant.Locator("section[aria-labelledby='certificates-title']");
        await Assertions.Expect(certificates).ToContainTextAsync("营业执照");
        await Assertions.Expect(certificates).ToContainTextAsync("印章");
        await Assertions.Expect(certificates).ToContainTextAsync("银行开户许可");
        await Assertions.Expect(applicant.Locator("#step-tax-registration")).ToContainTextAsync("税务局");
        await PageChecks.AssertUsableAsync(applicant, "application-completed");

        // The administrator edits 企业开办 from its first version: a department that does not exist is marked at its line.
        var admin = await fixture.SignedInAsync("admin", "/admin/definitions/business-opening/versions/1");
        await admin.GetByRole(AriaRole.Link, new() { Name = "以此版为底稿编辑" }).ClickAsync();
        await Assertions.Expect(admin.Locator("#source")).ToHaveValueAsync(new Regex("id: business-opening"));
        var original = await admin.Locator("#source").InputValueAsync();
        Assert.Equal(1, Regex.Count(original, "title: \\{ zh: 印章刻制, ", RegexOptions.Multiline));
        var fixedSource = original.Replace("title: { zh: 印章刻制, ", "title: { zh: 印章刻制（免费刻制）, ", StringComparison.Ordinal);
        var broken = fixedSource.Replace("department: PSB", "department: MARS", StringComparison.Ordinal);
        var line = Array.FindIndex(broken.Split('\n'), l => l.Contains("department: MARS", StringComparison.Ordinal)) + 1;
        Assert.True(line > 0);
        await admin.Locator("#source").FillAsync(broken);
        await Assertions.Expect(admin.Locator("#gutter li").Nth(line - 1)).ToHaveClassAsync("bad");
        await Assertions.Expect(admin.Locator("#editor-errors")).ToContainTextAsync($"第 {line} 行");
        await Assertions.Expect(admin.Locator("#editor-errors")).ToContainTextAsync("MARS");
        await Screenshots.SaveAsync(admin, "admin-editor-error");
        await PageChecks.AssertNoSeriousAccessibilityViolationAsync(admin);

        await admin.Locator("#source").FillAsync(fixedSource);
        await Assertions.Expect(admin.Locator("#editor-errors")).ToContainTextAsync("校验通过");
        await Assertions.Expect(admin.Locator("#gutter li.bad")).ToHaveCountAsync(0);
        await admin.GetByRole(AriaRole.Button, new() { Name = "保存并发布" }).ClickAsync();
        await Assertions.Expect(admin.Locator(".desk-done[role=status]")).ToContainTextAsync("已发布");
        Assert.Contains("/admin/definitions/business-opening/versions/2", admin.Url, StringComparison.Ordinal);
        var diagram = admin.Locator("svg.flow");
        await Assertions.Expect(diagram).ToContainTextAsync("印章刻制（免费刻制）");
        await Assertions.Expect(diagram).ToContainTextAsync("公安局");
        await Screenshots.SaveAsync(admin, "admin-version-diagram");

        await admin.GotoAsync("/admin/definitions/business-opening/versions/1");
        await admin.GetByRole(AriaRole.Link, new() { Name = "停用此版" }).ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "确认停用" }).ClickAsync();
        await Assertions.Expect(admin.Locator("#version-status")).ToHaveTextAsync("已停用");
        await admin.GotoAsync("/admin/definitions");
        await Assertions.Expect(admin.Locator("section", new() { Has = admin.Locator("#def-business-opening") })).ToContainTextAsync("新申请使用第 2 版");
        await Screenshots.SaveAsync(admin, "admin-definitions");
        // New applicants read the new version's notice.
        await applicant.GotoAsync("/services/business-opening");
        await Assertions.Expect(applicant.Locator("main")).ToContainTextAsync("印章刻制（免费刻制）");

        // PSB's clerk is refused SAMR's task, on the page and in the API, and learns nothing of the application.
        var refused = await psb.GotoAsync(samrTask);
        Assert.Equal(404, refused!.Status);
        await Assertions.Expect(psb.Locator("h1")).ToHaveTextAsync("没有这个办件");
        await Assertions.Expect(psb.Locator("main")).Not.ToContainTextAsync(Company);
        var api = await psb.Context.APIRequest.GetAsync("/api/tasks/" + new Uri(samrTask).Segments[^1]);
        Assert.Equal(404, api.Status);
        Assert.DoesNotContain(Company, await api.TextAsync(), StringComparison.Ordinal);

        // The dashboard, never reloaded, shows both departments' steps finished on time.
        var byDepartment = dashboard.Locator("#by-department-heading ~ .table-wrap table");
        await Assertions.Expect(byDepartment.Locator("tbody tr", new() { HasText = "市场监督管理局" }).Locator("td").Last).ToHaveTextAsync("100%");
        await Assertions.Expect(byDepartment.Locator("tbody tr", new() { HasText = "公安局" }).Locator("td").Last).ToHaveTextAsync("100%");
        await Assertions.Expect(dashboard.Locator("main")).ToContainTextAsync("企业开办");
        await PageChecks.AssertUsableAsync(dashboard, "public-dashboard");
    }

    /// <summary>The department's clerk finds the application in the queue, opens, claims and approves its task; returns the clerk's page.</summary>
    private async Task<IPage> DecideOnTheDeskAsync(string clerk, string tracking)
    {
        var page = await fixture.SignedInAsync(clerk, "/desk");
        var card = page.Locator(".desk-task", new() { HasText = tracking });
        await BrowserFixture.ReloadUntilAsync(page, card, $"the task in {clerk}'s queue");
        await card.GetByRole(AriaRole.Link).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "认领", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".desk-done")).ToContainTextAsync("已认领");
        await page.GetByRole(AriaRole.Button, new() { Name = "通过", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".desk-done")).ToContainTextAsync("已通过");
        return page;
    }

    private static async Task FillTheFormAsync(IPage page)
    {
        await page.GetByLabel("企业名称").FillAsync(Company);
        await page.GetByLabel("企业类型").SelectOptionAsync("llc");
        await page.GetByLabel("注册资本（元）").FillAsync("1000000");
        await page.GetByLabel("经营范围").FillAsync("软件开发；信息技术咨询服务");
        await page.Locator("#f-businessAddress").FillAsync("福建省福州市鼓楼区五四路1号");
        await page.GetByLabel("法定代表人姓名").FillAsync("张三");
        await page.GetByLabel("法定代表人公民身份号码").FillAsync("11010519491231002X");
        await page.GetByLabel("联系电话").FillAsync("13800138000");
        await page.GetByLabel("参保职工人数").FillAsync("12");
        await page.GetByLabel("预约银行开户").CheckAsync();
        await page.GetByLabel("公司章程").SetInputFilesAsync(Pdf("章程.pdf"));
        await page.GetByLabel("法定代表人身份证件").SetInputFilesAsync(Pdf("身份证.pdf"));
    }
}
