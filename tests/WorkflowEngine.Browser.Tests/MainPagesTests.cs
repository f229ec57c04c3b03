using Microsoft.Playwright;

namespace WorkflowEngine.Browser.Tests;

/// <summary>
/// Every main page, opened as the person it is for: no serious or critical axe violation, a visible keyboard focus,
/// nothing wider than a 375 px phone; each is written as a screenshot at a desktop's width and a phone's
/// (<c>screenshots/page-&lt;name&gt;.png</c> and <c>…-phone.png</c>). Pages of one application, task or version with
/// its state are checked where their tests bring them about (<see cref="BusinessOpeningScenarioTests"/> among them).
/// </summary>
[Trait("Category", "Browser")]
public sealed class MainPagesTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("/", null, "catalogue")]
    [InlineData("/services/business-opening", null, "notice")]
    [InlineData("/public", null, "public-dashboard")]
    [InlineData("/account/login", null, "sign-in")]
    [InlineData("/services/business-opening/apply", "zhangsan", "apply")]
    [InlineData("/applications", "zhangsan", "my-applications")]
    [InlineData("/track", "zhangsan", "track")]
    [InlineData("/account", "zhangsan", "account")]
    [InlineData("/account/logout", "zhangsan", "sign-out")]
    [InlineData("/account/denied", "samr-clerk", "account-denied")]
    [InlineData("/desk", "samr-clerk", "desk-queue")]
    [InlineData("/desk/supervise", "samr-supervisor", "desk-supervise")]
    [InlineData("/supervision/clock-extensions", "gsc-supervisor", "supervision-clock-extensions")]
    [InlineData("/admin", "admin", "admin")]
    [InlineData("/admin/definitions", "admin", "admin-definitions")]
    [InlineData("/admin/definitions/business-opening/versions/1", "admin", "admin-version")]
    [InlineData("/admin/definitions/edit", "admin", "admin-editor")]
    [InlineData("/admin/changes", "admin", "admin-changes")]
    [InlineData("/admin/sign-ins", "admin", "admin-sign-ins")]
    [InlineData("/admin/users", "admin", "admin-users")]
    [InlineData("/admin/departments", "admin", "admin-departments")]
    [InlineData("/admin/calendars", "admin", "admin-calendars")]
    [InlineData("/admin/calendars/years", "admin", "admin-calendar-year")]
    [InlineData("/admin/incidents", "admin", "admin-incidents")]
    [InlineData("/admin/failed-messages", "admin", "admin-failed-messages")]
    [InlineData("/admin/applications", "admin", "admin-applications")]
    [InlineData("/admin/compliance/mismatches", "admin", "admin-compliance-mismatches")]
    public async Task MainPage_PassesAxe_ShowsTheFocus_AndFitsAPhone(string path, string? user, string name)
    {
        IPage page;
        if (user is null)
        {
            page = await fixture.NewPageAsync();
            await page.GotoAsync(path);
        }
        else
        {
            page = await fixture.SignedInAsync(user, path);
        }

        // The page itself, not a sign-in or refusal on the way to it.
        Assert.Equal(path, new Uri(page.Url).AbsolutePath);
        await Assertions.Expect(page.Locator("h1")).Not.ToBeEmptyAsync();

        await PageChecks.AssertUsableAsync(page, $"page-{name}");
    }

    [Fact]
    public async Task TheHeaderOfASignedInPage_ShowsTheFocusOnTheSkipLinkAndEveryNavigationLink()
    {
        var page = await fixture.SignedInAsync("samr-supervisor", "/desk");
        Assert.Equal("/desk", new Uri(page.Url).AbsolutePath);

        await PageChecks.AssertHeaderKeyboardFocusIsVisibleAsync(page);
    }
}
