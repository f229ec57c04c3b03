using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Browser.Tests;

/// <summary>
/// The comprehensive window's 受理台 in a real browser: window staff sign in, follow the header link, take in 企业开办
/// for a walk-in with the scanned materials — a wrong check digit in the citizen's ID number is marked beside it before
/// anything is sent — and get the printable receipt with the query code, which the public look-up accepts. Both pages
/// pass axe and fit a phone; the receipt prints without the header and the buttons.
/// </summary>
[Trait("Category", "Browser")]
public sealed partial class WindowIntakeBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private AllInOneHost Host => fixture.Host;

    [Fact]
    public async Task WindowStaff_TakeInBusinessOpeningForAWalkIn_AndPrintTheReceipt()
    {
        var page = await fixture.SignedInAsync("gsc-window", "/");
        await page.Locator("nav").GetByRole(AriaRole.Link, new() { Name = "受理台" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("综合窗口受理台");
        await Assertions.Expect(page.Locator("a[href='/window/applications']")).ToBeVisibleAsync();
        await PageChecks.AssertUsableAsync(page, "window-services");

        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to English" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Comprehensive window: intake");
        await page.GetByRole(AriaRole.Button, new() { Name = "切换为中文" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("综合窗口受理台");

        await page.Locator("a[href='/window/services/business-opening']").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("窗口受理");
        await page.GetByLabel("姓名或单位名称").FillAsync("王五");
        await page.GetByLabel("证件类型").SelectOptionAsync("resident-id");
        await page.GetByLabel("证件号码").FillAsync("110105194912310021");
        await page.GetByLabel("申请人手机号码").FillAsync("13900139000");
        await BusinessOpeningForm.FillAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "提交并打印回执" }).ClickAsync();

        // The page asks the server's rules first: the wrong check digit stands beside its field and in the summary.
        await Assertions.Expect(page.Locator("#a-idNumber-error")).ToContainTextAsync("校验");
        Assert.Equal("#a-idNumber", await page.Locator(".error-summary a").First.GetAttributeAsync("href"));
        await PageChecks.AssertNoSeriousAccessibilityViolationAsync(page);
        await Screenshots.SaveAsync(page, "window-intake-error");

        await page.GetByLabel("证件号码").FillAsync("11010519491231002X");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交并打印回执" }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("受理回执", new() { Timeout = 30_000 });
        var code = (await page.Locator("#query-code").InnerTextAsync()).Trim();
        Assert.Matches(QueryCode(), code);
        var trackingNumber = (await page.Locator("#tracking-number").InnerTextAsync()).Trim();
        await Assertions.Expect(page.Locator("#receipt-id-number")).ToHaveTextAsync("110105********002X");
        await Assertions.Expect(page.Locator("#receipt-staff")).ToHaveTextAsync("综合窗口受理员");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("遗失后无法再次显示");
        await Assertions.Expect(page.Locator(".receipt-materials")).ToContainTextAsync("章程.pdf");
        await Assertions.Expect(page.Locator(".receipt-steps li")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "打印回执" })).ToBeVisibleAsync();
        await PageChecks.AssertUsableAsync(page, "window-receipt");

        // Printed: the receipt alone, without the header, the navigation or the buttons.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.Locator(".site-header")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "打印回执" })).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#query-code")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "window-receipt-print");
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        // The citizen follows it with what the receipt says.
        using var anonymous = Host.Client();
        using var tracked = await anonymous.PostAsync(
            "/api/public/track", new StringContent($$"""{"trackingNumber":"{{trackingNumber}}","queryCode":"{{code}}"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.OK, tracked.StatusCode);
    }

    [Fact]
    public async Task ASecondClickWhileTheFormIsSent_SendsNothing_AndTheReceiptKeepsTheQueryCode()
    {
        var page = await fixture.SignedInAsync("gsc-window", "/window/services/business-opening");
        await page.GetByLabel("姓名或单位名称").FillAsync("赵六");
        await page.GetByLabel("证件类型").SelectOptionAsync("resident-id");
        await page.GetByLabel("证件号码").FillAsync("11010519491231002X");
        await page.GetByLabel("申请人手机号码").FillAsync("13900139000");
        await BusinessOpeningForm.FillAsync(page);
        var before = await Host.ScalarAsync("SELECT COUNT(*) FROM applications");

        // The server takes each post at once; the browser gets the first answer only once the second click is made.
        var posts = await HeldPosts.RouteAsync(page, url => url.EndsWith("/window/services/business-opening", StringComparison.Ordinal));

        // Half a second after the page sent the form, while its answer is held back, the button is clicked again: set up
        // in the page beforehand, since Playwright evaluates nothing in a page whose navigation is pending.
        await page.EvaluateAsync("""
            () => {
              const form = document.querySelector('form.apply-form');
              const send = form.submit.bind(form);
              const button = [...form.querySelectorAll('button')].find(b => b.textContent.includes('提交并打印回执'));
              form.submit = () => { send(); setTimeout(() => button.click(), 500); };
            }
            """);
        // The click waits for the navigation it starts, which waits for the release: awaited only after it.
        var click = page.GetByRole(AriaRole.Button, new() { Name = "提交并打印回执" }).ClickAsync(new() { Timeout = 30_000 });
        await posts.FirstArrivedAsync();
        // Time for the second click and a second post to leave the browser, were one sent.
        await Task.Delay(2000);
        posts.Release();
        await click;

        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("受理回执", new() { Timeout = 30_000 });
        Assert.Matches(QueryCode(), (await page.Locator("#query-code").InnerTextAsync()).Trim());
        await Assertions.Expect(page.Locator("#query-code-withheld")).ToHaveCountAsync(0);
        Assert.Equal(1, posts.Count);
        Assert.Equal(before + 1, await Host.ScalarAsync("SELECT COUNT(*) FROM applications"));
    }

    [GeneratedRegex("^[0-9A-Z]{4}-[0-9A-Z]{4}$")]
    private static partial Regex QueryCode();
}
