using System.Net.Http.Json;
using Microsoft.Playwright;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Browser.Tests;

/// <summary>
/// The clerk's actions on a task's page that change no decision, and the queue's filters, in a real browser: giving a
/// task back (and its history saying so), recording and ending a period the limit does not count, asking for more time and a supervisor refusing it
/// on the supervision page; the queue filtered by service and by "due within". The host's clock stands still here.
/// </summary>
[Trait("Category", "Browser")]
public sealed class DeskActionsBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private AllInOneHost Host => fixture.Host;

    [Fact]
    public async Task Clerk_GivesAClaimedTaskBack_AndItIsUnclaimedInTheQueueAgain()
    {
        var (tracking, taskId) = await LicenceTaskAsync();
        var page = await fixture.SignedInAsync("samr-clerk", $"/desk/tasks/{taskId}");
        await page.GetByRole(AriaRole.Button, new() { Name = "认领", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#task-status")).ToContainTextAsync("市场监管窗口");

        await page.GetByRole(AriaRole.Button, new() { Name = "退回部门队列", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator(".desk-done")).ToContainTextAsync("已退回部门队列");
        await Assertions.Expect(page.Locator("#task-status")).Not.ToContainTextAsync("市场监管窗口");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "认领", Exact = true })).ToBeVisibleAsync();
        // The history keeps the claim and the release, in order, with who did them.
        await Assertions.Expect(page.Locator("#history li")).ToContainTextAsync(["派发到本部门", "市场监管窗口 认领", "市场监管窗口 退回部门队列"]);
        await PageChecks.AssertNoSeriousAccessibilityViolationAsync(page);
        await page.GotoAsync("/desk?status=unclaimed");
        await Assertions.Expect(page.Locator(".desk-task", new() { HasText = tracking })).ToContainTextAsync("待认领");
    }

    [Fact]
    public async Task Clerk_RecordsAPeriodTheLimitDoesNotCount_WithItsReason_ThenEndsIt_AndTheClockRunsAgain()
    {
        var (_, taskId) = await LicenceTaskAsync();
        var page = await fixture.SignedInAsync("samr-clerk", $"/desk/tasks/{taskId}");
        await page.GetByRole(AriaRole.Button, new() { Name = "认领", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".desk-done")).ToContainTextAsync("已认领");

        // Without a reason nothing is recorded, and the error is next to the field.
        await page.GetByRole(AriaRole.Button, new() { Name = "登记", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#exclusionReason-error")).Not.ToBeEmptyAsync();
        Assert.Equal("true", await page.Locator("#exclusionReason").GetAttributeAsync("aria-invalid"));
        await Assertions.Expect(page.Locator("#task-clock")).ToContainTextAsync("计时中");

        await page.Locator("#exclusionReason").FillAsync("待公安机关核查股东身份");
        await page.GetByRole(AriaRole.Button, new() { Name = "登记", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator(".desk-done")).ToContainTextAsync("不计时期间已登记");
        // The engine stops the step's clock and tells the department; the page shows it once it is told.
        await BrowserFixture.ReloadUntilAsync(page, page.Locator("#task-clock", new() { HasText = "暂停" }), "the clock to stand still");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("待公安机关核查股东身份");
        await PageChecks.AssertNoSeriousAccessibilityViolationAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "结束不计时，恢复计时", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator(".desk-done")).ToContainTextAsync("不计时期间已结束");
        await BrowserFixture.ReloadUntilAsync(page, page.Locator("#task-clock", new() { HasText = "计时中" }), "the clock to run again");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "登记", Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Clerk_AsksForMoreTime_AndTheSupervisorRefusesItWithAReason_AndTheDueTimeStays()
    {
        var (tracking, taskId) = await LicenceTaskAsync();
        var page = await fixture.SignedInAsync("samr-clerk", $"/desk/tasks/{taskId}");
        var due = await page.Locator("#task-due").InnerTextAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "认领", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".desk-done")).ToContainTextAsync("已认领");

        await page.Locator("#workingDays").FillAsync("1");
        await page.Locator("#extensionReason").FillAsync("需调取外省股东登记档案");
        await page.GetByRole(AriaRole.Button, new() { Name = "申请延期", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".desk-done")).ToContainTextAsync("延期申请已提交");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("需调取外省股东登记档案");

        var supervisor = await fixture.SignedInAsync("samr-supervisor", "/desk/supervise");
        var request = supervisor.Locator(".desk-extension", new() { HasText = tracking });
        await Assertions.Expect(request).ToContainTextAsync("需调取外省股东登记档案");
        // Refusing needs a reason, said next to its field.
        await request.GetByRole(AriaRole.Button, new() { Name = "不予延期", Exact = true }).ClickAsync();
        request = supervisor.Locator(".desk-extension", new() { HasText = tracking });
        await Assertions.Expect(request.Locator("span.field-error[id^='refuseReason-']")).Not.ToBeEmptyAsync();
        await request.GetByLabel("不予延期的理由（不予延期时必填）").FillAsync("档案可通过数据共享调取，无需延期");
        await request.GetByRole(AriaRole.Button, new() { Name = "不予延期", Exact = true }).ClickAsync();

        await Assertions.Expect(supervisor.Locator(".desk-done")).ToContainTextAsync("已不予延期");
        await Assertions.Expect(supervisor.Locator(".desk-extension", new() { HasText = tracking })).ToHaveCountAsync(0);
        await page.ReloadAsync();
        Assert.Equal(due, await page.Locator("#task-due").InnerTextAsync());
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("档案可通过数据共享调取，无需延期");
    }

    [Fact]
    public async Task Queue_FiltersByService_AndByDueWithin()
    {
        // A SAMR step of five working days beside 企业开办's two-hour licence.
        await Host.PublishAsync("""
            id: desk-filter-test
            title: 营业执照变更登记
            timeLimits: { statutory: { workingDays: 10 }, promised: { workingDays: 8 } }
            form:
              - { key: companyName, label: 企业名称, type: text, required: true }
            flow:
              - { id: change, activity: department-task, title: 变更登记, department: SAMR, limit: { workingDays: 5 } }
            """);
        var (licence, _) = await LicenceTaskAsync();
        using (var citizen = Host.Client("lisi"))
        {
            (await citizen.PostAsJsonAsync("/api/applications", new { serviceId = "desk-filter-test", form = new { companyName = "福州榕城贸易有限公司" } })).EnsureSuccessStatusCode();
        }

        var change = (await AllInOneHost.EventuallyAsync(
            () => Host.GetJsonAsync("samr-clerk", "/api/departments/SAMR/tasks?status=all&limit=500"),
            t => t.EnumerateArray().Any(x => x.GetProperty("serviceId").GetString() == "desk-filter-test"),
            "the change task at SAMR")).EnumerateArray().First(x => x.GetProperty("serviceId").GetString() == "desk-filter-test").GetProperty("trackingNumber").GetString()!;
        var page = await fixture.SignedInAsync("samr-clerk", "/desk");
        await Assertions.Expect(page.Locator(".desk-task", new() { HasText = licence })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".desk-task", new() { HasText = change })).ToHaveCountAsync(1);

        await page.Locator("#service").SelectOptionAsync(new SelectOptionValue { Label = "营业执照变更登记" });
        await page.GetByRole(AriaRole.Button, new() { Name = "筛选", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".desk-task", new() { HasText = change })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".desk-task", new() { HasText = licence })).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".desk-task")).ToHaveCountAsync(1);

        // All services again, due within one working day: the licence (due today) stays, the change (five days) goes.
        await page.Locator("#service").SelectOptionAsync("");
        await page.Locator("#dueWithin").FillAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "筛选", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".desk-task", new() { HasText = licence })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".desk-task", new() { HasText = change })).ToHaveCountAsync(0);
        Assert.Equal("1", await page.Locator("#dueWithin").InputValueAsync());

        // An impossible number is refused next to its field.
        await page.GotoAsync("/desk?dueWithin=99");
        await Assertions.Expect(page.Locator("#dueWithin-error")).ToContainTextAsync("0 至 60");
        Assert.Equal("true", await page.Locator("#dueWithin").GetAttributeAsync("aria-invalid"));
    }

    private async Task<(string Tracking, string TaskId)> LicenceTaskAsync()
    {
        var task = await Host.TaskOfAsync(await Host.SubmitBusinessOpeningAsync());
        return (task.GetProperty("trackingNumber").GetString()!, task.GetProperty("id").GetString()!);
    }
}
