using Microsoft.Playwright;

namespace WorkflowEngine.Browser.Tests;

/// <summary>
/// Signing out in a real browser: a person signs in on the page, signs out with the header's button, and is then sent to
/// the sign-in page from a page that needs a session; the session cookie the browser held before no longer opens it
/// either, so a copy of it (left on a shared counter computer, say) is worth nothing after the sign-out.
/// </summary>
[Trait("Category", "Browser")]
public sealed class SignOutBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task SignOutButton_EndsTheSession_AndTheOldCookieNoLongerOpensAPage()
    {
        var page = await fixture.SignedInAsync("samr-clerk", "/desk");
        await Assertions.Expect(page.Locator("h1")).Not.ToBeEmptyAsync();
        var before = (await page.Context.CookiesAsync()).Single(c => c.Name == ".WorkflowEngine.Session");

        await page.GetByRole(AriaRole.Button, new() { Name = "退出登录", Exact = true }).ClickAsync();

        await BrowserFixture.ArrivedAsync(page, url => new Uri(url).AbsolutePath == "/account/login");
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == ".WorkflowEngine.Session");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "登录", Exact = true })).ToBeVisibleAsync();
        await page.GotoAsync("/desk");
        Assert.Equal("/account/login", new Uri(page.Url).AbsolutePath);

        // The cookie from before the sign-out, put back into a fresh browser: the server refuses it.
        var replay = await fixture.NewPageAsync();
        await replay.Context.AddCookiesAsync([new Cookie { Name = before.Name, Value = before.Value, Url = fixture.Host.Address.ToString() }]);
        await replay.GotoAsync("/desk");
        Assert.Equal("/account/login", new Uri(replay.Url).AbsolutePath);
        var api = await replay.APIRequest.GetAsync("/api/departments/SAMR/tasks");
        Assert.Equal(401, api.Status);
    }
}
