using System.Net.Http.Json;
using Microsoft.Playwright;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Browser.Tests;

/// <summary>
/// 好差评 in a real browser: on the progress page of a refused application the applicant chooses 不满意 and, by keyboard,
/// 非常满意 for the SAMR step (一事一评), is told next to the field that a reason is needed, gives it and sends; the page then shows the rating as given and offers no second
/// one. The administrator finds it on the ratings page awaiting follow-up, records what was done, and sees it handled.
/// Both pages pass axe.
/// </summary>
[Trait("Category", "Browser")]
public sealed class RatingBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private AllInOneHost Host => fixture.Host;

    [Fact]
    public async Task TheApplicant_RatesFromTheProgressPage_AndTheAdministratorFollowsItUp()
    {
        var id = await Host.SubmitBusinessOpeningAsync();
        var task = (await Host.TaskOfAsync(id)).GetProperty("id").GetString();
        using (var clerk = Host.Client("samr-clerk"))
        {
            (await clerk.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
            (await clerk.PostAsJsonAsync($"/api/tasks/{task}/complete", new { outcome = "rejected", reason = "经营范围含需前置审批的项目" })).EnsureSuccessStatusCode();
        }

        await AllInOneHost.EventuallyAsync(
            () => Host.GetJsonAsync("zhangsan", $"/api/applications/{id}"), a => a.GetProperty("status").GetString() == "rejected", "the refusal");

        var page = await fixture.SignedInAsync("zhangsan", $"/applications/{id}");
        var rating = page.Locator("#rating");
        await Assertions.Expect(rating.GetByRole(AriaRole.Heading, new() { Name = "评价本次办理（好差评）" })).ToBeVisibleAsync();
        // 一事一评: below the overall levels, a radio group for the decided SAMR step, named by its legend; the step
        // never run (the seal, after the refusal) has none. Checked with axe, by keyboard and at 375 px.
        var overall = page.GetByRole(AriaRole.Group, new() { Name = "您对本次办理是否满意？" });
        var licence = page.GetByRole(AriaRole.Group, new() { NameRegex = new System.Text.RegularExpressions.Regex("^市场监督管理局 · ") });
        await Assertions.Expect(licence).ToBeVisibleAsync();
        await Assertions.Expect(licence.GetByLabel("不单独评价")).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("[name='steps.seal-engraving.level']")).ToHaveCountAsync(0);
        await PageChecks.AssertUsableAsync(page, "page-application-rating-steps");
        await overall.GetByLabel("不满意", new() { Exact = true }).CheckAsync();
        await licence.GetByLabel("非常满意", new() { Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(licence.GetByLabel("非常满意", new() { Exact = true })).ToBeCheckedAsync();
        await rating.GetByRole(AriaRole.Button, new() { Name = "提交评价" }).ClickAsync();

        await Assertions.Expect(page.Locator("#rating-reason-error")).ToHaveTextAsync("评价为“不满意”或“非常不满意”时，请写明原因，以便整改");
        await Assertions.Expect(overall.GetByLabel("不满意", new() { Exact = true })).ToBeCheckedAsync();
        await Assertions.Expect(licence.GetByLabel("非常满意", new() { Exact = true })).ToBeCheckedAsync();
        await PageChecks.AssertNoSeriousAccessibilityViolationAsync(page);
        await page.Locator("#rating-reason").FillAsync("前置审批要求没有在一次性告知中写明");
        await rating.GetByRole(AriaRole.Button, new() { Name = "提交评价" }).ClickAsync();

        await Assertions.Expect(page.Locator("#rating-given")).ToHaveTextAsync("不满意");
        await Assertions.Expect(page.Locator("#rating")).ToContainTextAsync("前置审批要求没有在一次性告知中写明");
        await Assertions.Expect(page.Locator("#rating-steps-given li[data-step='business-licence']")).ToContainTextAsync("非常满意");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "提交评价" })).ToHaveCountAsync(0);
        await PageChecks.AssertUsableAsync(page, "page-application-rated");

        var admin = await fixture.SignedInAsync("admin", "/admin/ratings?open=true");
        var item = admin.Locator($"#ratings li[data-application='{id}']");
        await Assertions.Expect(item.Locator("[data-state='open']")).ToHaveTextAsync("待整改");
        await PageChecks.AssertNoSeriousAccessibilityViolationAsync(admin);
        await item.GetByRole(AriaRole.Textbox, new() { Name = "整改情况" }).FillAsync("已在一次性告知单中补充前置审批事项");
        await item.GetByRole(AriaRole.Button, new() { Name = "记录整改" }).ClickAsync();

        await Assertions.Expect(admin.Locator(".desk-done")).ToContainTextAsync("整改情况");
        await admin.GotoAsync("/admin/ratings");
        item = admin.Locator($"#ratings li[data-application='{id}']");
        await Assertions.Expect(item.Locator("[data-state='handled']")).ToHaveTextAsync("已整改");
        await Assertions.Expect(item).ToContainTextAsync("已在一次性告知单中补充前置审批事项");
    }

    /// <summary>
    /// Bug_11_StepNotRatableBeforeTheOverallRating in a real browser: while the rest of the bundle runs, the licence's
    /// timeline entry carries its rating (一事一评 as soon as it is decided); by keyboard alone the applicant sends it
    /// without a level (told so under the step), then chooses 满意 and sends it; the entry then says so. Axe, keyboard
    /// focus and 375 px checked; the English page words it in English.
    /// </summary>
    [Fact]
    public async Task Bug_11_StepNotRatableBeforeTheOverallRating_TheTimelineEntryRatesItByKeyboard()
    {
        var id = await Host.LicenceApprovedAsync();
        var page = await fixture.SignedInAsync("zhangsan", $"/applications/{id}");
        var entry = page.Locator("#step-business-licence");
        var group = entry.GetByRole(AriaRole.Group, new() { NameRegex = new System.Text.RegularExpressions.Regex("^您对“市场监督管理局 · .+”的办理是否满意？$") });
        await Assertions.Expect(group).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#step-seal-engraving form")).ToHaveCountAsync(0);
        await PageChecks.AssertUsableAsync(page);

        var send = entry.GetByRole(AriaRole.Button, new() { Name = "提交该环节的评价" });
        await send.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#rating-steps\\.business-licence\\.level-error")).ToHaveTextAsync("请选择评价等级");
        await PageChecks.AssertNoSeriousAccessibilityViolationAsync(page);

        await group.GetByLabel("满意", new() { Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(group.GetByLabel("满意", new() { Exact = true })).ToBeCheckedAsync();
        await entry.GetByRole(AriaRole.Button, new() { Name = "提交该环节的评价" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Locator("#step-business-licence .step-rated")).ToHaveTextAsync("您对该环节的评价：满意");
        await Assertions.Expect(page.Locator("#step-business-licence form.rating-now")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#rating-steps-given li[data-step='business-licence']")).ToContainTextAsync("满意");
        await PageChecks.AssertUsableAsync(page);

        var english = await fixture.SignedInAsync("zhangsan", $"/applications/{await Host.LicenceApprovedAsync()}", culture: BrowserFixture.English);
        var englishGroup = english.Locator("#step-business-licence").GetByRole(AriaRole.Group, new() { NameRegex = new System.Text.RegularExpressions.Regex("^How satisfied are you with how “.+” was handled\\?$") });
        await Assertions.Expect(englishGroup.GetByLabel("Very satisfied")).ToBeVisibleAsync();
        await Assertions.Expect(english.Locator("#step-business-licence").GetByRole(AriaRole.Button, new() { Name = "Send the rating of this step" })).ToBeVisibleAsync();
        await PageChecks.AssertFitsAPhoneAsync(english);
    }
}
