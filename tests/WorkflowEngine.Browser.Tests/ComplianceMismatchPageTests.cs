using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WorkflowEngine.Contracts;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Browser.Tests;

/// <summary>
/// The administrator's list of compliance disagreements (<c>/admin/compliance/mismatches</c>) in a real browser: reached
/// from /admin, both views side by side, filtered by kind, usable with a screen reader and on a phone.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ComplianceMismatchPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private AllInOneHost Host => fixture.Host;

    [Fact]
    public async Task AReportWhoseClockIsWrong_IsListedWithBothViews_AndFilteredByKind()
    {
        var applicationId = await Host.SubmitBusinessOpeningAsync();
        var task = await Host.TaskOfAsync(applicationId);
        var tracking = task.GetProperty("trackingNumber").GetString()!;
        var now = Host.Clock.GetUtcNow();
        // A department system whose clock runs three hours behind: received before the engine dispatched, decided long ago.
        var endpoint = await Host.Services.GetRequiredService<IBus>().GetSendEndpoint(new Uri("queue:" + Queues.EngineReports));
        await endpoint.Send(new StepCompleted
        {
            ApplicationId = applicationId,
            StepId = task.GetProperty("stepId").GetString()!,
            Attempt = task.GetProperty("attempt").GetInt32(),
            Department = "SAMR",
            Outcome = StepOutcomes.Approved,
            CompletedAt = now.AddHours(-2),
            DueAt = task.GetProperty("dueAt").GetDateTimeOffset(),
            OnTime = true,
            Compliance = new StepComplianceReport
            {
                ReceivedAt = now.AddHours(-3),
                CompletedAt = now.AddHours(-2),
                DueAt = task.GetProperty("dueAt").GetDateTimeOffset(),
                OnTime = true,
            },
        });
        await AllInOneHost.EventuallyAsync(
            () => Host.GetJsonAsync("admin", "/api/compliance/mismatches"), l => l.GetProperty("total").GetInt32() == 1, "the mismatch to be kept");

        var page = await fixture.SignedInAsync("admin", "/admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "时限核对不一致", Exact = true }).ClickAsync();

        var row = page.Locator("#mismatches tbody tr", new() { HasText = tracking });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("时钟偏差");
        await Assertions.Expect(row).ToContainTextAsync("事后补录办结时间");
        await Assertions.Expect(row.Locator("td").Nth(3)).ToContainTextAsync("未计");
        await Assertions.Expect(row.Locator("td").Nth(4)).ToContainTextAsync("分钟");
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "admin-compliance-mismatches.png"), FullPage = true });
        await PageChecks.AssertUsableAsync(page);

        await page.GetByLabel("不一致类型").SelectOptionAsync("on-time-differs");
        await page.GetByRole(AriaRole.Button, new() { Name = "筛选" }).ClickAsync();
        await Assertions.Expect(page.Locator("#mismatches")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("共 0 个环节");

        await page.GetByLabel("不一致类型").SelectOptionAsync("clock-skew");
        await page.GetByRole(AriaRole.Button, new() { Name = "筛选" }).ClickAsync();
        await Assertions.Expect(page.Locator("#mismatches tbody tr")).ToHaveCountAsync(1);

        await page.GotoAsync("/admin/compliance/mismatches?kind=late");
        await Assertions.Expect(page.Locator("#kind-error")).ToContainTextAsync("on-time-differs");
        await PageChecks.AssertUsableAsync(page);
    }
}
