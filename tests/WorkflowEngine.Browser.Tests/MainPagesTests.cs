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
    /// <summary>Each main page by its address, the demo user it is for (none for a visitor) and its screenshot's name.</summary>
    private static readonly (string Path, string? User, string Name)[] Pages =
    [
        ("/", null, "catalogue"),
        ("/services/business-opening", null, "notice"),
        ("/public", null, "public-dashboard"),
        ("/account/login", null, "sign-in"),
        ("/services/business-opening/apply", "zhangsan", "apply"),
        ("/applications", "zhangsan", "my-applications"),
        ("/applications/track", "zhangsan", "track"),
        ("/track", null, "public-track"),
        ("/account", "zhangsan", "account"),
        ("/account/logout", "zhangsan", "sign-out"),
        ("/account/denied", "samr-clerk", "account-denied"),
        ("/desk", "samr-clerk", "desk-queue"),
        ("/desk/supervise", "samr-supervisor", "desk-supervise"),
        ("/supervision/clock-extensions", "gsc-supervisor", "supervision-clock-extensions"),
        ("/admin", "admin", "admin"),
        ("/admin/definitions", "admin", "admin-definitions"),
        ("/admin/definitions/business-opening/versions/1", "admin", "admin-version"),
        ("/admin/definitions/edit", "admin", "admin-editor"),
        ("/admin/changes", "admin", "admin-changes"),
        ("/admin/sign-ins", "admin", "admin-sign-ins"),
        ("/admin/users", "admin", "admin-users"),
        ("/admin/departments", "admin", "admin-departments"),
        ("/admin/calendars", "admin", "admin-calendars"),
        ("/admin/calendars/years", "admin", "admin-calendar-year"),
        ("/admin/incidents", "admin", "admin-incidents"),
        ("/admin/failed-messages", "admin", "admin-failed-messages"),
        ("/admin/applications", "admin", "admin-applications"),
        ("/admin/compliance/mismatches", "admin", "admin-compliance-mismatches"),
        ("/admin/ratings", "admin", "admin-ratings"),
        ("/admin/notifications", "admin", "admin-notifications"),
    ];

    /// <summary>Every main page in each language of the switch: Chinese, the default, and English.</summary>
    public static TheoryData<string, string?, string, string> PagesInEachLanguage()
    {
        var data = new TheoryData<string, string?, string, string>();
        foreach (var culture in new[] { BrowserFixture.Chinese, BrowserFixture.English })
        {
            foreach (var (path, user, name) in Pages)
            {
                data.Add(path, user, name, culture);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PagesInEachLanguage))]
    public async Task MainPage_PassesAxe_ShowsTheFocus_AndFitsAPhone(string path, string? user, string name, string culture)
    {
        IPage page;
        if (user is null)
        {
            page = await fixture.NewPageAsync(culture: culture);
            await page.GotoAsync(path);
        }
        else
        {
            page = await fixture.SignedInAsync(user, path, culture: culture);
        }

        // The page itself, not a sign-in or refusal on the way to it.
        Assert.Equal(path, new Uri(page.Url).AbsolutePath);
        await Assertions.Expect(page.Locator("h1")).Not.ToBeEmptyAsync();

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", culture);
        if (culture == BrowserFixture.English)
        {
            await PageChecks.AssertNoChineseChromeAsync(page);
        }

        await PageChecks.AssertUsableAsync(page, culture == BrowserFixture.Chinese ? $"page-{name}" : $"page-{name}-{culture}");
    }

    [Fact]
    public async Task TheHeaderOfASignedInPage_ShowsTheFocusOnTheSkipLinkAndEveryNavigationLink()
    {
        var page = await fixture.SignedInAsync("samr-supervisor", "/desk");
        Assert.Equal("/desk", new Uri(page.Url).AbsolutePath);

        await PageChecks.AssertHeaderKeyboardFocusIsVisibleAsync(page);
    }
}
