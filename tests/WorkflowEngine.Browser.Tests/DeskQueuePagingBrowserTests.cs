using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WorkflowEngine.Persistence;
using WorkflowEngine.Persistence.Stores;
using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Browser.Tests;

/// <summary>
/// A queue longer than a page, in a real browser: the total, the next page with the rest and the way back. The tasks
/// are the Development and Reform Commission's, a queue no other browser test reads.
/// </summary>
[Trait("Category", "Browser")]
public sealed class DeskQueuePagingBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const int Tasks = 57;

    private AllInOneHost Host => fixture.Host;

    [Fact]
    public async Task Clerk_PagesThroughALongQueue_ToTheLastTaskAndBack()
    {
        var now = Host.Clock.GetUtcNow();
        var changes = new DepartmentChanges();
        for (var i = 0; i < Tasks; i++)
        {
            changes.Inserted.Add(new TaskRecord
            {
                Id = Guid.NewGuid(), ApplicationId = Guid.NewGuid(), TrackingNumber = $"YB-PAGE-{i:D3}", ServiceId = "construction-permit",
                ServiceTitle = "工程建设项目审批", StepId = "project-approval", Attempt = 1, Department = "DRC", Title = $"立项审批 {i:D3}",
                Status = TaskStatuses.Open, DispatchedAt = now, DueAt = now.AddDays(1 + i), ReceivedAt = now, PayloadJson = "{}",
            });
        }

        await new SqlDepartmentStore(Host.Services.GetRequiredService<Database>()).SaveAsync(changes, now, CancellationToken.None);

        var page = await fixture.SignedInAsync("drc-clerk", "/desk");
        await Assertions.Expect(page.Locator("#queue-count")).ToContainTextAsync($"共 {Tasks} 件，显示第 1–50 件");
        await Assertions.Expect(page.Locator(".desk-task").First).ToContainTextAsync("立项审批 000");
        await PageChecks.AssertNoSeriousAccessibilityViolationAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "下一页" }).ClickAsync();
        await Assertions.Expect(page.Locator("#queue-count")).ToContainTextAsync($"显示第 51–{Tasks} 件");
        await Assertions.Expect(page.Locator(".desk-task")).ToHaveCountAsync(Tasks - 50);
        await Assertions.Expect(page.Locator(".desk-task").Last).ToContainTextAsync($"立项审批 {Tasks - 1:D3}");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "下一页" })).ToHaveCountAsync(0);
        await PageChecks.AssertUsableAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "上一页" }).ClickAsync();
        await Assertions.Expect(page.Locator("#queue-count")).ToContainTextAsync("显示第 1–50 件");
    }

    /// <summary>
    /// A clerk narrows the queue by service and by the beginning of the tracking numbers at once, then pages through it:
    /// the next page holds the rest of what both filters match, nothing else, and the form still shows both. Natural
    /// resources' queue, which no other test of the class reads.
    /// </summary>
    [Fact]
    public async Task Clerk_PagesThroughAQueueFilteredTwice_AndBothFiltersStayOnEveryPage()
    {
        var now = Host.Clock.GetUtcNow();
        var changes = new DepartmentChanges();
        void Add(string number, string service, string title, int i) => changes.Inserted.Add(new TaskRecord
        {
            Id = Guid.NewGuid(), ApplicationId = Guid.NewGuid(), TrackingNumber = number, ServiceId = service, ServiceTitle = title,
            StepId = "planning", Attempt = 1, Department = "NRP", Title = $"规划许可 {number}", Status = TaskStatuses.Open,
            DispatchedAt = now, DueAt = now.AddDays(1 + i), ReceivedAt = now, PayloadJson = "{}",
        });
        for (var i = 0; i < 55; i++)
        {
            Add($"YB-FILT-A{i:D3}", "construction-permit", "工程建设项目审批", i);
        }

        // The same service under other numbers, and the same numbers' beginning under another service: neither filter alone.
        for (var i = 0; i < 8; i++)
        {
            Add($"YB-OTHER-{i:D3}", "construction-permit", "工程建设项目审批", i);
            Add($"YB-FILT-B{i:D3}", "joint-acceptance-registration", "竣工联合验收与不动产首次登记", i);
        }

        await new SqlDepartmentStore(Host.Services.GetRequiredService<Database>()).SaveAsync(changes, now, CancellationToken.None);

        var page = await fixture.SignedInAsync("nrp-clerk", "/desk");
        await page.Locator("#service").SelectOptionAsync("construction-permit");
        await page.Locator("#q").FillAsync("yb-filt");
        await page.GetByRole(AriaRole.Button, new() { Name = "筛选", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#queue-count")).ToContainTextAsync("共 55 件，显示第 1–50 件");

        await page.GetByRole(AriaRole.Link, new() { Name = "下一页" }).ClickAsync();
        await Assertions.Expect(page.Locator("#queue-count")).ToContainTextAsync("共 55 件，显示第 51–55 件");
        await Assertions.Expect(page.Locator(".desk-task")).ToHaveCountAsync(5);
        foreach (var task in await page.Locator(".desk-task").AllInnerTextsAsync())
        {
            Assert.Contains("YB-FILT-A", task, StringComparison.Ordinal);
        }

        await Assertions.Expect(page.Locator("#service")).ToHaveValueAsync("construction-permit");
        await Assertions.Expect(page.Locator("#q")).ToHaveValueAsync("yb-filt");
        await PageChecks.AssertUsableAsync(page);
    }
}
