using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WorkflowEngine.Runtime.Outbox;

namespace WorkflowEngine.Browser.Tests;

/// <summary>A department host's administrator finds its failed messages from the menu and sends one again, in a real browser.</summary>
[Trait("Category", "Browser")]
public sealed class DepartmentHostFailedMessagesBrowserTests(DepartmentHostBrowserFixture fixture) : IClassFixture<DepartmentHostBrowserFixture>
{
    [Fact]
    public async Task Administrator_OpensFailedMessagesFromTheMenu_AndSendsOneAgain()
    {
        var id = Guid.NewGuid();
        await fixture.Host.Services.GetRequiredService<IFailedMessageStore>().RecordAsync(new FailedMessageRecord
        {
            Id = id, Queue = "dept.SAMR", MessageId = Guid.NewGuid().ToString(), MessageType = "ExecuteStep", Body = "{\"stepId\":\"licence\"}",
            Error = "部门系统暂时不可用", FailedAt = fixture.Host.Clock.GetUtcNow(),
        }, CancellationToken.None);
        var page = await fixture.SignedInAsync("admin", "/desk");

        await page.GetByRole(AriaRole.Link, new() { Name = "失败消息" }).ClickAsync();
        var card = page.Locator($"li[data-id='{id}']");
        await Assertions.Expect(card).ToContainTextAsync("部门系统暂时不可用");
        await PageChecks.AssertUsableAsync(page);
        await card.GetByRole(AriaRole.Button, new() { Name = "重发" }).ClickAsync();

        await Assertions.Expect(page.Locator(".desk-done")).ToContainTextAsync("已重发到 dept.SAMR");
        await Assertions.Expect(page.Locator($"li[data-id='{id}']")).ToHaveCountAsync(0);
    }
}
