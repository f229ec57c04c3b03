using Microsoft.Playwright;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Browser.Tests;

/// <summary>
/// The desk named people by their login ids (“（samr-clerk 办理）”, “samr-supervisor 改派：samr-clerk → samr-clerk-2”):
/// in a real browser, a clerk claims, a supervisor gives the task to a colleague chosen by name, and the holder and the
/// history name them as the service centre knows them; the page passes axe and fits a phone.
/// </summary>
[Trait("Category", "Browser")]
public sealed class Bug_11_DeskShowsLoginIdsInsteadOfNames(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private AllInOneHost Host => fixture.Host;

    [Fact]
    public async Task ClerkClaims_SupervisorReassignsByName_HolderAndHistoryShowNames()
    {
        var task = await Host.TaskOfAsync(await Host.SubmitBusinessOpeningAsync());
        var taskId = task.GetProperty("id").GetString();
        var clerk = await fixture.SignedInAsync("samr-clerk", $"/desk/tasks/{taskId}");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "认领", Exact = true }).ClickAsync();
        await Assertions.Expect(clerk.Locator("#task-status")).ToContainTextAsync("（市场监管窗口 办理）");

        var supervisor = await fixture.SignedInAsync("samr-supervisor", $"/desk/tasks/{taskId}");
        await supervisor.Locator("#to").SelectOptionAsync(new SelectOptionValue { Label = "市场监管窗口二号" });
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "改派", Exact = true }).ClickAsync();

        await Assertions.Expect(supervisor.Locator(".desk-done")).ToContainTextAsync("已改派");
        await Assertions.Expect(supervisor.Locator("#task-status")).ToContainTextAsync("（市场监管窗口二号 办理）");
        await Assertions.Expect(supervisor.Locator("#history li")).ToContainTextAsync(
            ["派发到本部门", "市场监管窗口 认领", "市场监管科长 改派：由 市场监管窗口 改由 市场监管窗口二号 办理"]);
        await Assertions.Expect(supervisor.Locator("main")).Not.ToContainTextAsync("samr-");
        await PageChecks.AssertUsableAsync(supervisor, "desk-task-reassigned");
    }
}
