using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Browser.Tests;

/// <summary>
/// 查询码补发 in a real browser: a citizen who lost the receipt comes back to the counter; the window staff open the
/// walk-in's page, are told beside the box to check the identity document first, tick it, and get the printable slip
/// with the new code, which the public look-up accepts while the old one is refused; the application's page shows no code. The
/// slip passes axe and fits a phone.
/// </summary>
[Trait("Category", "Browser")]
public sealed class QueryCodeReissueBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private AllInOneHost Host => fixture.Host;

    /// <summary>A 企业开办 submitted at the window for a walk-in citizen: its id, tracking number and query code.</summary>
    private async Task<(Guid Id, string Number, string QueryCode)> WalkInAsync(string name)
    {
        var application = BusinessOpening.Application();
        application["applicant"] = new JsonObject { ["name"] = name, ["idType"] = "resident-id", ["idNumber"] = "11010519491231002X", ["phone"] = "13800138000" };
        using var window = Host.Client("gsc-window");
        using var response = await window.PostAsync("/api/window/applications", BusinessOpening.Multipart(application));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (receipt.GetProperty("application").GetProperty("id").GetGuid(), receipt.GetProperty("application").GetProperty("trackingNumber").GetString()!,
            receipt.GetProperty("queryCode").GetString()!);
    }

    [Fact]
    public async Task WindowStaff_ReissueALostQueryCode_AndPrintTheSlip()
    {
        var (id, number, old) = await WalkInAsync("吴十");

        var page = await fixture.SignedInAsync("gsc-window", $"/window/applications/{id}");
        await page.Locator("#query-code-reissue summary").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "重新生成查询码" }).ClickAsync();
        await Assertions.Expect(page.Locator("#identity-checked-error")).ToContainTextAsync("请先当面核验申请人的身份证件原件");
        Assert.Equal("#identity-checked", await page.Locator(".error-summary a").First.GetAttributeAsync("href"));
        await PageChecks.AssertNoSeriousAccessibilityViolationAsync(page);

        await page.GetByLabel("已当面核验申请人身份证件原件").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "重新生成查询码" }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("查询码补发凭条");
        var code = (await page.Locator("#query-code").InnerTextAsync()).Trim();
        await Assertions.Expect(page.Locator("#tracking-number")).ToHaveTextAsync(number);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("遗失后可凭身份证件到窗口重新生成");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "打印凭条" })).ToBeVisibleAsync();
        await PageChecks.AssertUsableAsync(page, "window-query-code-slip");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.Locator(".site-header")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#query-code")).ToBeVisibleAsync();
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        // Back to the application's page, which never shows a code.
        await page.GetByRole(AriaRole.Link, new() { Name = "返回申请" }).ClickAsync();
        await Assertions.Expect(page.Locator("#acting-for")).ToContainTextAsync("吴十");
        await Assertions.Expect(page.Locator("#query-code")).ToHaveCountAsync(0);

        using var anonymous = Host.Client();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.PostAsJsonAsync("/api/public/track", new { trackingNumber = number, queryCode = old })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/public/track", new { trackingNumber = number, queryCode = code })).StatusCode);
    }

    [Fact]
    public async Task ASecondClickWhileTheReissueIsSent_SendsNothing_AndTheSlipKeepsTheNewCode()
    {
        var (id, number, _) = await WalkInAsync("郑十一");
        var page = await fixture.SignedInAsync("gsc-window", $"/window/applications/{id}");
        await page.Locator("#query-code-reissue summary").ClickAsync();
        await page.GetByLabel("已当面核验申请人身份证件原件").CheckAsync();

        // The server takes each post at once; the browser gets the first answer only once the second click is made.
        var posts = await HeldPosts.RouteAsync(page, url => url.Contains("handler=ReissueCode", StringComparison.Ordinal));

        // Half a second after the form was sent, while its answer is held back, the button is clicked again: set up in
        // the page beforehand, since Playwright evaluates nothing in a page whose navigation is pending.
        await page.EvaluateAsync("""
            () => {
              const form = document.querySelector('#query-code-reissue form');
              const button = form.querySelector('button[type=submit]');
              form.addEventListener('submit', () => setTimeout(() => button.click(), 500), { once: true });
            }
            """);
        // The click waits for the navigation it starts, which waits for the release.
        var click = page.GetByRole(AriaRole.Button, new() { Name = "重新生成查询码" }).ClickAsync(new() { Timeout = 30_000 });
        await posts.FirstArrivedAsync();
        // Time for the second click and a second post to leave the browser, were one sent.
        await Task.Delay(2000);
        posts.Release();
        await click;

        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("查询码补发凭条", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#query-code-withheld")).ToHaveCountAsync(0);
        var code = (await page.Locator("#query-code").InnerTextAsync()).Trim();
        Assert.Equal(1, posts.Count);
        using var anonymous = Host.Client();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/public/track", new { trackingNumber = number, queryCode = code })).StatusCode);
    }
}
