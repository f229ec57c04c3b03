using Microsoft.Playwright;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Browser.Tests;

/// <summary>
/// Next year's holidays loaded from the administrator's page while an application already counts into that year: the
/// preview and the load list the application's due times that move, with the old and the new, and the applicant's page
/// stops calling its due time provisional (暂定).
/// </summary>
[Trait("Category", "Browser")]
public sealed class CalendarYearMovedBrowserTests(YearEndBrowserFixture fixture) : IClassFixture<YearEndBrowserFixture>
{
    /// <summary>A test arrangement, not the State Council's notice: Friday 1 January 2027 off for New Year's Day.</summary>
    private const string Year2027 = """
        year: 2027
        source: 测试用安排（非官方通知）
        holidays:
          - { name: 元旦, from: 2027-01-01, to: 2027-01-01 }
        makeUpWorkdays: []
        """;

    [Fact]
    public async Task LoadingNextYear_ListsTheOpenApplicationsMovedDueTime_OldAndNew_AndTheApplicantsDueTimeIsNoLongerProvisional()
    {
        // Submitted at 17:00 on the year's last working day: the licence's two working hours run half an hour into
        // 31 December and an hour and a half into 1 January 2027, counted as a plain Friday while 2027 is not loaded.
        var host = fixture.Host;
        var id = await host.SubmitBusinessOpeningAsync();
        var tracking = (await host.TaskOfAsync(id)).GetProperty("trackingNumber").GetString()!;
        var applicant = await fixture.SignedInAsync("zhangsan", $"/applications/{id}");
        var licence = applicant.Locator("#step-business-licence");
        await Assertions.Expect(licence).ToContainTextAsync("2027-01-01 10:30");
        await Assertions.Expect(licence.Locator(".provisional-badge").First).ToHaveTextAsync("暂定");

        var page = await fixture.SignedInAsync("admin", "/admin/calendars/years");
        await page.Locator("#arrangement").FillAsync(Year2027);
        await page.GetByRole(AriaRole.Button, new() { Name = "预览", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#year-outcome")).ToContainTextAsync("尚未载入");
        await AssertTheLicenceMovesAsync(page, tracking);
        await PageChecks.AssertNoSeriousAccessibilityViolationAsync(page);
        await PageChecks.AssertFitsAPhoneAsync(page);
        await applicant.ReloadAsync();
        await Assertions.Expect(licence).ToContainTextAsync("2027-01-01 10:30");

        await page.GetByRole(AriaRole.Button, new() { Name = "载入", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#year-outcome")).ToContainTextAsync("已载入 2027 年放假安排");
        await AssertTheLicenceMovesAsync(page, tracking);
        await Screenshots.SaveAsync(page, "admin-calendar-year-moved");
        await PageChecks.AssertNoSeriousAccessibilityViolationAsync(page);

        // The recount reaches the applicant's page: the new due time, counted on a loaded year, with no 暂定 beside it or anywhere.
        await BrowserFixture.ReloadUntilAsync(applicant, licence.Filter(new() { HasText = "2027-01-04 10:30" }), "the licence's new due time on the applicant's page");
        await Assertions.Expect(applicant.Locator(".provisional-badge")).ToHaveCountAsync(0);
        Assert.DoesNotContain("暂定", await applicant.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
    }

    /// <summary>
    /// The licence's row in the table of moved due times: the tracking number, the step, promised 1 January before and
    /// Monday 4 January after; its three statutory working days from the close of 31 December end on 5 January before
    /// (1 January counted) and 6 January after.
    /// </summary>
    private static async Task AssertTheLicenceMovesAsync(IPage page, string tracking)
    {
        var row = page.Locator("#moved tbody tr", new() { HasText = tracking }).Filter(new() { HasText = "营业执照" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator("td")).ToHaveTextAsync([tracking, "营业执照", "2027-01-01 10:30", "2027-01-04 10:30", "2027-01-05 17:30", "2027-01-06 17:30"]);
        // The whole application's one promised working day moves from the close of 1 January to the close of 4 January.
        await Assertions.Expect(page.Locator("#moved tbody tr", new() { HasText = tracking }).Filter(new() { HasText = "整件" }).Locator("td"))
            .ToHaveTextAsync([tracking, "整件（企业开办）", "2027-01-01 17:30", "2027-01-04 17:30", "2027-01-05 17:30", "2027-01-06 17:30"]);
    }
}
