using Microsoft.Playwright;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Browser.Tests;

/// <summary>
/// 撤回申请 in a real browser: the applicant opens the withdrawal on the progress page, reads what it means, gives a
/// reason and confirms; the page then shows the application withdrawn (in Chinese and in English) and offers the
/// withdrawal no more, and the department's queue has dropped the task. The page passes axe with the withdrawal open.
/// </summary>
[Trait("Category", "Browser")]
public sealed class WithdrawalBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private AllInOneHost Host => fixture.Host;

    [Fact]
    public async Task TheApplicant_ConfirmsTheWithdrawal_OnTheProgressPage_AndSeesItWithdrawn()
    {
        var id = await Host.SubmitBusinessOpeningAsync();
        await Host.TaskOfAsync(id);

        var page = await fixture.SignedInAsync("zhangsan", $"/applications/{id}");
        var withdrawal = page.Locator("details.withdrawal");
        var confirm = withdrawal.GetByRole(AriaRole.Button, new() { Name = "确认撤回", Exact = true });
        // Nothing is withdrawn by one click: the confirmation shows only once the withdrawal is opened.
        await Assertions.Expect(confirm).Not.ToBeVisibleAsync();
        await withdrawal.Locator("summary").ClickAsync();
        await Assertions.Expect(withdrawal).ToContainTextAsync("撤回不能恢复");
        await PageChecks.AssertNoSeriousAccessibilityViolationAsync(page);
        await withdrawal.GetByLabel("撤回原因（选填）").FillAsync("公司名称需要重新核准");
        await confirm.ClickAsync();

        await Assertions.Expect(page.Locator("#application-status")).ToContainTextAsync("已撤回");
        await Assertions.Expect(page.Locator("#application-reason")).ToHaveTextAsync("申请人撤回申请：公司名称需要重新核准");
        await Assertions.Expect(page.Locator("#withdrawn-note")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("details.withdrawal")).ToHaveCountAsync(0);
        await PageChecks.AssertNoSeriousAccessibilityViolationAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to English" }).ClickAsync();
        await Assertions.Expect(page.Locator("#application-status")).ToContainTextAsync("Withdrawn");
        await Assertions.Expect(page.Locator("#withdrawn-note")).ToContainTextAsync("The application has been withdrawn");

        var task = await Host.TaskOfAsync(id);
        Assert.Equal("cancelled", task.GetProperty("status").GetString());
    }
}
