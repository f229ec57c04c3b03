using System.Net.Http.Json;
using Microsoft.Playwright;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Browser.Tests;

/// <summary>
/// The clerk's and supervisor's desk in a real browser against the all-in-one host: a clerk signs in, finds the
/// application in the department's queue, opens it, claims and decides it; errors show next to their fields; a
/// supervisor approves a request for more time. Applications are submitted through the REST API, as the portal does.
/// </summary>
[Trait("Category", "Browser")]
public sealed class DeskPagesTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private AllInOneHost Host => fixture.Host;

    [Fact]
    public async Task Clerk_FindsTheApplicationInTheQueue_ClaimsAndApprovesIt_AndItLeavesTheOpenQueue()
    {
        var (tracking, taskId) = await SubmitAndWaitForLicenceTaskAsync();
        var page = await SignedInAsync("samr-clerk", "/desk");

        var card = page.Locator(".desk-task", new() { HasText = tracking });
        await Assertions.Expect(card).ToHaveCountAsync(1);
        Assert.Contains("待认领", await card.InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.AssertUsableAsync(page);

        await card.GetByRole(AriaRole.Link).ClickAsync();
        Assert.EndsWith($"/desk/tasks/{taskId}", page.Url, StringComparison.Ordinal);
        var main = await page.Locator("main").InnerTextAsync();
        Assert.Contains("福州闽江数字科技有限公司", main, StringComparison.Ordinal);
        Assert.Contains("公司章程", main, StringComparison.Ordinal);
        Assert.Contains("计时中", await page.Locator("#task-clock").InnerTextAsync(), StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Button, new() { Name = "认领", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".desk-done")).ToContainTextAsync("已认领");
        Assert.Contains("市场监管窗口", await page.Locator("#task-status").InnerTextAsync(), StringComparison.Ordinal);
        // The holder may now download the materials, through the API's own authorization.
        var download = await page.Locator(".desk-materials a").First.GetAttributeAsync("href");
        var file = await page.Context.APIRequest.GetAsync(download!);
        Assert.Equal(200, file.Status);
        await PageChecks.AssertUsableAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "通过", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".desk-done")).ToContainTextAsync("已通过");
        Assert.Contains("已办结", await page.Locator("#task-status").InnerTextAsync(), StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Link, new() { Name = "返回办件队列" }).ClickAsync();
        await Assertions.Expect(page.Locator(".desk-task", new() { HasText = tracking })).ToHaveCountAsync(0);
        await page.GotoAsync("/desk?status=completed");
        await Assertions.Expect(page.Locator(".desk-task", new() { HasText = tracking })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Reject_WithoutAReason_ShowsTheErrorNextToTheField_AndDecidesNothing()
    {
        var (_, taskId) = await SubmitAndWaitForLicenceTaskAsync();
        var page = await SignedInAsync("samr-clerk-2", $"/desk/tasks/{taskId}");
        await page.GetByRole(AriaRole.Button, new() { Name = "认领", Exact = true }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "不予通过", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator("#rejectReason-error")).ToContainTextAsync("必须写明理由");
        Assert.Equal("true", await page.Locator("#rejectReason").GetAttributeAsync("aria-invalid"));
        Assert.Contains("必须写明理由", await page.Locator(".error-summary").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("办理中", await page.Locator("#task-status").InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.AssertNoSeriousAccessibilityViolationAsync(page);

        await page.Locator("#rejectReason").FillAsync("经营范围含前置许可项目，须先取得许可");
        await page.GetByRole(AriaRole.Button, new() { Name = "不予通过", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".desk-done")).ToContainTextAsync("已不予通过");
        Assert.Contains("经营范围含前置许可项目", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SupplementRequest_FromThePage_ReachesTheApplication_AndStopsTheClock()
    {
        var (_, taskId, applicationId) = await SubmitAndWaitForLicenceTaskWithApplicationAsync();
        var page = await SignedInAsync("samr-clerk", $"/desk/tasks/{taskId}");
        await page.GetByRole(AriaRole.Button, new() { Name = "认领", Exact = true }).ClickAsync();

        await page.GetByLabel("公司章程", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "发送补正通知" }).ClickAsync();
        // A checked item without its requirement is refused, next to that item.
        await Assertions.Expect(page.Locator("#reason-articles-error")).ToContainTextAsync("须写明补正的具体要求");
        // What the clerk chose is still chosen.
        Assert.True(await page.GetByLabel("公司章程", new() { Exact = true }).IsCheckedAsync());
        await page.Locator("#reason-articles").FillAsync("章程缺全体股东签字页");
        await page.GetByRole(AriaRole.Button, new() { Name = "发送补正通知" }).ClickAsync();

        await Assertions.Expect(page.Locator(".desk-done")).ToContainTextAsync("补正通知已发送");
        var application = await AllInOneHost.EventuallyAsync(
            () => Host.GetJsonAsync("zhangsan", $"/api/applications/{applicationId}"),
            a => a.GetProperty("supplements").GetArrayLength() == 1,
            "the supplement request on the application");
        var item = application.GetProperty("supplements")[0].GetProperty("items")[0];
        Assert.Equal("articles", item.GetProperty("material").GetString());
        Assert.Equal("章程缺全体股东签字页", item.GetProperty("reason").GetString());
        await AllInOneHost.EventuallyAsync(
            async () => { await page.ReloadAsync(); return await page.Locator("#task-clock").InnerTextAsync(); },
            clock => clock.Contains("暂停", StringComparison.Ordinal),
            "the clock to stand still on the task page");
    }

    [Fact]
    public async Task Supervisor_ApprovesAnExtensionOnThePage_AndTheDueTimeMoves()
    {
        var (tracking, taskId) = await SubmitAndWaitForLicenceTaskAsync();
        using var clerk = Host.Client("samr-clerk");
        (await clerk.PostAsync($"/api/tasks/{taskId}/claim", null)).EnsureSuccessStatusCode();
        var before = (await Host.GetJsonAsync("samr-clerk", $"/api/tasks/{taskId}")).GetProperty("task").GetProperty("dueAt").GetDateTimeOffset();
        (await clerk.PostAsJsonAsync($"/api/tasks/{taskId}/extensions", new { workingDays = 1, reason = "需核实股东身份" })).EnsureSuccessStatusCode();
        var page = await SignedInAsync("samr-supervisor", "/desk");

        await page.GetByRole(AriaRole.Link, new() { Name = "部门督办" }).ClickAsync();
        var request = page.Locator(".desk-extension", new() { HasText = tracking });
        Assert.Contains("需核实股东身份", await request.InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.AssertUsableAsync(page);
        await request.GetByRole(AriaRole.Button, new() { Name = "批准延期" }).ClickAsync();

        await Assertions.Expect(page.Locator(".desk-done")).ToContainTextAsync("已批准延期");
        await Assertions.Expect(page.Locator(".desk-extension", new() { HasText = tracking })).ToHaveCountAsync(0);
        var after = await AllInOneHost.EventuallyAsync(
            async () => (await Host.GetJsonAsync("samr-clerk", $"/api/tasks/{taskId}")).GetProperty("task").GetProperty("dueAt").GetDateTimeOffset(),
            due => due > before,
            "the task's due time to move");
        await page.GotoAsync($"/desk/tasks/{taskId}");
        Assert.Contains(after.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            await page.Locator("#task-due").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("已批准", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Supervisor_ApprovesASecondSupplementRequestOnTheTaskPage_AndOnlyThenTheApplicantIsAsked()
    {
        var (tracking, taskId, applicationId) = await SubmitAndWaitForLicenceTaskWithApplicationAsync();
        using var clerk = Host.Client("samr-clerk");
        (await clerk.PostAsync($"/api/tasks/{taskId}/claim", null)).EnsureSuccessStatusCode();
        (await clerk.PostAsJsonAsync($"/api/tasks/{taskId}/supplements", new { items = new[] { new { material = "articles", reason = "章程缺签字页" } } })).EnsureSuccessStatusCode();
        await AllInOneHost.EventuallyAsync(
            () => Host.GetJsonAsync("zhangsan", $"/api/applications/{applicationId}"), a => a.GetProperty("supplements").GetArrayLength() == 1, "the first request");
        using var citizen = Host.Client("zhangsan");
        using (var body = new MultipartFormDataContent())
        {
            var file = new ByteArrayContent("%PDF-1.4 signed articles\n"u8.ToArray());
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
            body.Add(file, "articles", "articles.pdf");
            (await citizen.PostAsync($"/api/applications/{applicationId}/materials", body)).EnsureSuccessStatusCode();
        }

        await AllInOneHost.EventuallyAsync(
            async () => (await Host.GetJsonAsync("samr-clerk", $"/api/tasks/{taskId}")).GetProperty("task"),
            t => t.GetProperty("clock").GetString() == "running" && t.GetProperty("supplement").GetProperty("suppliedAt").ValueKind != System.Text.Json.JsonValueKind.Null,
            "the first request answered");

        // The clerk asks on the page; the reason for a second request is required, and said next to its field.
        var page = await SignedInAsync("samr-clerk", $"/desk/tasks/{taskId}");
        var form = page.Locator("#again-supplement");
        await form.GetByLabel("法定代表人身份证件", new() { Exact = true }).CheckAsync();
        await page.Locator("#again-reason-legalRepIdCopy").FillAsync("身份证件已过有效期");
        await form.GetByRole(AriaRole.Button, new() { Name = "提交负责人审批" }).ClickAsync();
        await Assertions.Expect(page.Locator("#againReason-error")).ToContainTextAsync("首次补正时未能一并告知");
        await page.Locator("#againReason").FillAsync("核对原件时才发现证件过期");
        await page.Locator("#again-supplement").GetByRole(AriaRole.Button, new() { Name = "提交负责人审批" }).ClickAsync();
        await Assertions.Expect(page.Locator(".desk-done")).ToContainTextAsync("等待部门负责人审批");
        await Assertions.Expect(page.Locator("#supplement-approval-waiting")).ToBeVisibleAsync();

        // The supervisor finds it on the supervision page and decides on the task page.
        var supervisor = await SignedInAsync("samr-supervisor", "/desk/supervise");
        await supervisor.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex(tracking) }).First.ClickAsync();
        Assert.EndsWith($"/desk/tasks/{taskId}", new Uri(supervisor.Url).AbsolutePath, StringComparison.Ordinal);
        Assert.Contains("核对原件时才发现证件过期", await supervisor.Locator("#supplement-approval").InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.AssertUsableAsync(supervisor);
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "不予批准", Exact = true }).ClickAsync();
        await Assertions.Expect(supervisor.Locator("#refuseSupplementReason-error")).ToContainTextAsync("须写明不予批准再次补正的理由");
        Assert.Empty((await Host.GetJsonAsync("zhangsan", $"/api/applications/{applicationId}")).GetProperty("supplements").EnumerateArray());

        await supervisor.Locator("#approvalComment").FillAsync("同意");
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "批准再次补正" }).ClickAsync();
        await Assertions.Expect(supervisor.Locator(".desk-done")).ToContainTextAsync("已批准再次补正");
        Assert.Contains("已批准", await supervisor.Locator(".supplement-approval-status").InnerTextAsync(), StringComparison.Ordinal);
        var application = await AllInOneHost.EventuallyAsync(
            () => Host.GetJsonAsync("zhangsan", $"/api/applications/{applicationId}"),
            a => a.GetProperty("supplements").GetArrayLength() == 1,
            "the approved request on the application");
        Assert.Equal("legalRepIdCopy", application.GetProperty("supplements")[0].GetProperty("items")[0].GetProperty("material").GetString());
    }

    [Fact]
    public async Task Supervisor_ReassignsATaskOnItsPage_ToAnotherClerkOfTheDepartment()
    {
        var (_, taskId) = await SubmitAndWaitForLicenceTaskAsync();
        using var clerk = Host.Client("samr-clerk");
        (await clerk.PostAsync($"/api/tasks/{taskId}/claim", null)).EnsureSuccessStatusCode();
        var page = await SignedInAsync("samr-supervisor", $"/desk/tasks/{taskId}");

        await page.Locator("#to").SelectOptionAsync("samr-clerk-2");
        await page.GetByRole(AriaRole.Button, new() { Name = "改派", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator(".desk-done")).ToContainTextAsync("已改派");
        Assert.Contains("市场监管窗口二号", await page.Locator("#task-status").InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.AssertNoSeriousAccessibilityViolationAsync(page);
    }

    [Fact]
    public async Task Queue_InEnglish_SaysEverythingInEnglish()
    {
        await SubmitAndWaitForLicenceTaskAsync();
        var page = await SignedInAsync("samr-clerk", "/desk");

        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to English" }).ClickAsync();

        Assert.StartsWith("Task queue", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Due within (working days)", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Unclaimed", await page.Locator(".desk-queue").InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.AssertUsableAsync(page);
    }

    [Fact]
    public async Task ApproveOnCommitment_ShowsTheTextAndEachErrorByItsField_ThenApprovesOnThePaper()
    {
        var form = JointAcceptance.Form(civilAirDefence: false);
        form["completionDate"] = "2026-02-27";
        using (var citizen = Host.Client("zhangsan"))
        {
            (await citizen.PostAsync("/api/applications", JointAcceptance.Multipart(form))).EnsureSuccessStatusCode();
        }

        var task = (await AllInOneHost.EventuallyAsync(
            () => Host.GetJsonAsync("arch-clerk", "/api/departments/ARCH/tasks?status=unclaimed"), t => t.GetArrayLength() >= 1, "the archives task"))[0];
        var page = await SignedInAsync("arch-clerk", $"/desk/tasks/{task.GetProperty("id").GetString()}");
        Assert.Contains("三个月内", await page.Locator("#offer-text").InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "认领", Exact = true }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "按承诺审批（窗口签署）", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator("#signerName-error")).ToContainTextAsync("签署人的姓名");
        await Assertions.Expect(page.Locator("#signerIdNumber-error")).ToContainTextAsync("居民身份证号码");
        await Assertions.Expect(page.Locator("#paperSigned-error")).ToContainTextAsync("纸质承诺书");
        Assert.Equal("true", await page.Locator("#signerIdNumber").GetAttributeAsync("aria-invalid"));
        await PageChecks.AssertUsableAsync(page);

        await page.Locator("#signerName").FillAsync("张三");
        await page.Locator("#signerIdNumber").FillAsync("11010519491231002X");
        await page.Locator("#paperSigned").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "按承诺审批（窗口签署）", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator(".desk-done")).ToContainTextAsync("已按承诺审批");
        Assert.Contains("已办结", await page.Locator("#task-status").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("张三", await page.Locator("#commitment-signature").InnerTextAsync(), StringComparison.Ordinal);
    }

    private Task<IPage> SignedInAsync(string user, string returnUrl) => fixture.SignedInAsync(user, returnUrl);

    private async Task<(string Tracking, string TaskId)> SubmitAndWaitForLicenceTaskAsync()
    {
        var (tracking, taskId, _) = await SubmitAndWaitForLicenceTaskWithApplicationAsync();
        return (tracking, taskId);
    }

    private async Task<(string Tracking, string TaskId, Guid ApplicationId)> SubmitAndWaitForLicenceTaskWithApplicationAsync()
    {
        var applicationId = await Host.SubmitBusinessOpeningAsync();
        var task = await Host.TaskOfAsync(applicationId);
        return (task.GetProperty("trackingNumber").GetString()!, task.GetProperty("id").GetString()!, applicationId);
    }
}
