using Microsoft.Playwright;

namespace WorkflowEngine.Browser.Tests;

/// <summary>
/// The account pages a citizen meets first — sign-in, registration and its code, 忘记密码 and its code — on a 375 px
/// phone and a desktop, as they look: each field the form's width with its label above it, fields and buttons a thumb
/// can hit, errors beside their fields and summed up at the top, the site's header to get back, and nothing wider than
/// the phone. Screenshots <c>account-*-phone.png</c> (and the desktop's <c>account-*.png</c>).
/// </summary>
[Trait("Category", "Browser")]
public sealed class AccountPagesBrowserTests(SelfRegistrationBrowserTests.GatewayFixture fixture) : IClassFixture<SelfRegistrationBrowserTests.GatewayFixture>
{
    /// <summary>The height a finger can hit without a miss (Apple's and Android's 44–48 px guidance; WCAG 2.5.5).</summary>
    private const int TouchTarget = 44;

    /// <summary>
    /// The account pages loaded only <c>site.css</c>: on a phone their inputs were the browser's default ~170 px boxes
    /// beside their labels, their buttons 22 px high, unlike every other form of the site.
    /// </summary>
    [Fact]
    public async Task Bug_11_TheAccountPagesOnAPhone_HadNarrowUnstyledFieldsAndTinyButtons()
    {
        var page = await fixture.NewPageAsync(width: PageChecks.PhoneWidth, height: 800);
        await page.GotoAsync("/account/login");
        await AssertLaidOutForAThumbAsync(page, "account-sign-in");

        // A wrong password: the answer is summed up at the top and said beside the field.
        await page.Locator("#userName").FillAsync("no-such-person");
        await page.Locator("#password").FillAsync("not the password");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#password-error")).ToHaveTextAsync("用户名或密码不正确");
        await AssertErrorsShownAsync(page, "password");
        await AssertLaidOutForAThumbAsync(page, "account-sign-in-error");

        await page.GetByRole(AriaRole.Link, new() { Name = "注册", Exact = true }).ClickAsync();
        await BrowserFixture.ArrivedAsync(page, url => new Uri(url).AbsolutePath == "/account/register");
        await AssertLaidOutForAThumbAsync(page, "account-register");

        await page.Locator("#register-mobile").FillAsync("138 0000 3579");
        await page.Locator("#register-name").FillAsync("王九");
        await page.Locator("#register-password").FillAsync("Min-River-Bridge-2026");
        await page.Locator("#register-repeat").FillAsync("Min-River-Bridge-2027");
        await page.GetByRole(AriaRole.Button, new() { Name = "获取短信验证码" }).ClickAsync();
        await Assertions.Expect(page.Locator("#register-repeat-error")).ToHaveTextAsync("两次输入的密码不一致");
        await AssertErrorsShownAsync(page, "register-repeat");
        await AssertLaidOutForAThumbAsync(page, "account-register-error");

        await page.Locator("#register-password").FillAsync("Min-River-Bridge-2026");
        await page.Locator("#register-repeat").FillAsync("Min-River-Bridge-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "获取短信验证码" }).ClickAsync();
        await BrowserFixture.ArrivedAsync(page, url => new Uri(url).AbsolutePath == "/account/register/code");
        await AssertLaidOutForAThumbAsync(page, "account-register-code");

        var reset = await fixture.NewPageAsync(width: PageChecks.PhoneWidth, height: 800);
        await reset.GotoAsync("/account/login");
        await reset.GetByRole(AriaRole.Link, new() { Name = "忘记密码？" }).ClickAsync();
        await BrowserFixture.ArrivedAsync(reset, url => new Uri(url).AbsolutePath == "/account/password-reset");
        await AssertLaidOutForAThumbAsync(reset, "account-password-reset");

        await reset.Locator("#reset-mobile").FillAsync("138 0000 3579");
        await reset.GetByRole(AriaRole.Button, new() { Name = "获取短信验证码" }).ClickAsync();
        await BrowserFixture.ArrivedAsync(reset, url => new Uri(url).AbsolutePath == "/account/password-reset/code");
        await AssertLaidOutForAThumbAsync(reset, "account-password-reset-code");
    }

    /// <summary>
    /// At a phone's width and a desktop's: the site's header (the way back to the catalogue, the language switch), every
    /// field of the page's forms as wide as its form with its label above it, every field and button at least
    /// <see cref="TouchTarget"/> px high; at the phone's, nothing wider than the screen, no serious axe violation and a
    /// visible keyboard focus. Writes the page at both widths as <paramref name="screenshot"/>.
    /// </summary>
    private static async Task AssertLaidOutForAThumbAsync(IPage page, string screenshot)
    {
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", BrowserFixture.Chinese);
        await Assertions.Expect(page.Locator("header .site-name")).ToHaveAttributeAsync("href", "/");
        await Assertions.Expect(page.Locator("header .language-switch button")).ToHaveTextAsync("English");
        foreach (var width in new[] { 1280, PageChecks.PhoneWidth })
        {
            await page.SetViewportSizeAsync(width, 800);
            var problems = await page.EvaluateAsync<string[]>(
                """
                target => {
                  const problems = [];
                  const shown = e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
                  const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' "' + (e.textContent || '').trim().slice(0, 20) + '"';
                  for (const input of document.querySelectorAll('main form input:not([type=hidden])')) {
                    if (!shown(input)) { continue; }
                    const box = input.getBoundingClientRect(), form = input.form.getBoundingClientRect();
                    if (box.width < form.width * 0.9) { problems.push(`${name(input)} is ${Math.round(box.width)}px wide in a ${Math.round(form.width)}px form`); }
                    if (box.height < target) { problems.push(`${name(input)} is ${Math.round(box.height)}px high`); }
                    const label = document.querySelector(`label[for="${input.id}"]`);
                    if (!label) { problems.push(`${name(input)} has no label`); continue; }
                    if (label.getBoundingClientRect().bottom > box.top + 1) { problems.push(`the label of ${name(input)} is beside it, not above it`); }
                  }
                  for (const button of document.querySelectorAll('main form button')) {
                    if (shown(button) && button.getBoundingClientRect().height < target) {
                      problems.push(`${name(button)} is ${Math.round(button.getBoundingClientRect().height)}px high`);
                    }
                  }
                  return problems;
                }
                """,
                TouchTarget);
            Assert.True(problems.Length == 0, $"{page.Url} at {width}px:\n" + string.Join("\n", problems));
            await Screenshots.SaveAsync(page, width == PageChecks.PhoneWidth ? $"{screenshot}-phone" : screenshot);
        }

        await PageChecks.AssertNoSidewaysScrollAsync(page);
        await PageChecks.AssertOneMainAsync(page);
        await PageChecks.AssertNoSeriousAccessibilityViolationAsync(page);
        await PageChecks.AssertKeyboardFocusIsVisibleAsync(page);
    }

    /// <summary>
    /// The page's errors as a citizen sees them: a summary above the form linking to the field, and the field marked, its
    /// message between its label and the input.
    /// </summary>
    private static async Task AssertErrorsShownAsync(IPage page, string fieldId)
    {
        var summary = page.Locator(".error-summary");
        await Assertions.Expect(summary.Locator($"a[href='#{fieldId}']")).ToBeVisibleAsync();
        var order = await page.EvaluateAsync<string>(
            """
            id => {
              const input = document.getElementById(id), error = document.getElementById(id + '-error');
              const summary = document.querySelector('.error-summary'), form = input.form;
              const label = document.querySelector(`label[for="${id}"]`);
              const top = e => e.getBoundingClientRect().top;
              if (top(summary) >= top(form)) { return 'the summary is not above the form'; }
              if (!error || error.closest('.field') !== input.closest('.field')) { return 'the message is not in the field'; }
              if (!(top(label) < top(error) && top(error) < top(input))) { return 'the message is not between the label and the input'; }
              if (!input.closest('.field').classList.contains('field-invalid')) { return 'the field is not marked'; }
              return 'ok';
            }
            """,
            fieldId);
        Assert.Equal("ok", order);
    }
}
