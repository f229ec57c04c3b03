using System.Net;
using System.Text.RegularExpressions;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// An applicant registers with a mobile number proven by a code texted through the SMS gateway: the account (the
/// number is its user name, applicant its only role) exists once the right code comes back, the applicant is signed in
/// and can sign in again with the number and password. Wrong, expired, used-up and replayed codes, a number already
/// registered, malformed numbers and too-frequent requests are refused next to their field; where no SMS channel is
/// configured the page says why registration is closed, and asking for it there stops the host.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class SelfRegistrationTests
{
    private const string Password = "Min-River-Bridge-2026";

    [Fact]
    public async Task Registering_WithTheTextedCode_MakesAnApplicantSignedIn_WhoSignsInAgainWithTheNumber()
    {
        await using var gateway = await TestSmsGateway.StartAsync();
        await using var host = await StartAsync(gateway, "--Notifications:Sms:Signature=【福州政务】");
        using (var visitor = PageSignInTests.Browser(host))
        {
            var login = await visitor.GetStringAsync("/account/login");
            Assert.Contains("href=\"/account/register\"", login, StringComparison.Ordinal);
        }

        using var browser = PageSignInTests.Browser(host);
        using var sent = await RegisterAsync(browser, "+86 139-5000-1234", email: "lisi@example.cn");

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal("/account/register/code?mobile=13950001234", sent.Headers.Location?.OriginalString);
        var (body, signed) = Assert.Single(gateway.Requests);
        Assert.True(signed, "the gateway found the signature wrong");
        Assert.Equal("13950001234", body.GetProperty("phone").GetString());
        Assert.StartsWith("registration-", body.GetProperty("id").GetString(), StringComparison.Ordinal);
        var code = CodeOf(body.GetProperty("text").GetString()!);
        Assert.StartsWith("【福州政务】您的注册验证码为 ", body.GetProperty("text").GetString(), StringComparison.Ordinal);
        var codePage = WebUtility.HtmlDecode(await browser.GetStringAsync(sent.Headers.Location!.OriginalString));
        Assert.Contains("已发送至 139****1234", codePage, StringComparison.Ordinal);

        using var registered = await ConfirmAsync(browser, "13950001234", code);

        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.Equal("/account?registered=true", registered.Headers.Location?.OriginalString);
        var account = WebUtility.HtmlDecode(await browser.GetStringAsync("/account?registered=true"));
        Assert.Contains("注册成功，您已登录", account, StringComparison.Ordinal);
        Assert.Contains("李四", account, StringComparison.Ordinal);
        Assert.Contains("申请人", account, StringComparison.Ordinal);
        using var again = await PageSignInTests.SignedInBrowserAsync(host, "13950001234", Password);
        var user = await host.GetJsonAsync("admin", "/api/admin/users/13950001234");
        Assert.Equal("applicant", user.GetProperty("user").GetProperty("role").GetString());
        Assert.Equal("registered", Assert.Single(user.GetProperty("audit").EnumerateArray()).GetProperty("action").GetString());
        var codeSent = await host.GetJsonAsync("admin", "/api/admin/sign-ins?kind=registration-code-sent");
        Assert.Equal("13950001234", Assert.Single(codeSent.EnumerateArray()).GetProperty("userName").GetString());
        var registeredEvent = Assert.Single((await host.GetJsonAsync("admin", "/api/admin/sign-ins?user=13950001234&kind=registered")).EnumerateArray());
        Assert.Equal("page", registeredEvent.GetProperty("channel").GetString());
    }

    [Fact]
    public async Task WrongCodes_AreCounted_AndAfterFiveEvenTheRightCodeIsRefused()
    {
        await using var gateway = await TestSmsGateway.StartAsync();
        await using var host = await StartAsync(gateway);
        using var browser = PageSignInTests.Browser(host);
        using var sent = await RegisterAsync(browser, "13950002222");
        var code = CodeOf(gateway.Requests.Single().Body.GetProperty("text").GetString()!);
        var wrong = code == "000000" ? "111111" : "000000";

        using var first = await ConfirmAsync(browser, "13950002222", wrong);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, first.StatusCode);
        Assert.Contains("id=\"register-code-error\">验证码不正确，还可以再试 4 次<", await HtmlAsync(first), StringComparison.Ordinal);
        for (var i = 0; i < 3; i++)
        {
            using var _ = await ConfirmAsync(browser, "13950002222", wrong);
        }

        using var fifth = await ConfirmAsync(browser, "13950002222", wrong);
        using var right = await ConfirmAsync(browser, "13950002222", code);

        Assert.Contains("验证码错误次数过多，请重新获取", await HtmlAsync(fifth), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, right.StatusCode);
        Assert.Contains("验证码错误次数过多，请重新获取", await HtmlAsync(right), StringComparison.Ordinal);
        using var signIn = await PageSignInTests.PostLoginAsync(PageSignInTests.Browser(host), "13950002222", Password);
        Assert.NotEqual(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [Fact]
    public async Task AnExpiredCode_IsRefused_AndANewOneWorks_WhileResendingTooSoonIsRefused()
    {
        await using var gateway = await TestSmsGateway.StartAsync();
        await using var host = await StartAsync(gateway);
        using var browser = PageSignInTests.Browser(host);
        using var sent = await RegisterAsync(browser, "13950003333");
        var old = CodeOf(gateway.Requests.Single().Body.GetProperty("text").GetString()!);
        using var tooSoon = await ResendAsync(browser, "13950003333");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooSoon.StatusCode);
        Assert.Matches("请 \\d+ 秒后再重新获取", await HtmlAsync(tooSoon));
        Assert.Single(gateway.Requests);

        host.Clock.Advance(TimeSpan.FromMinutes(11));
        using var expired = await ConfirmAsync(browser, "13950003333", old);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, expired.StatusCode);
        Assert.Contains("验证码已过期", await HtmlAsync(expired), StringComparison.Ordinal);

        using var resent = await ResendAsync(browser, "13950003333");
        Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
        var fresh = CodeOf(gateway.Requests.Last().Body.GetProperty("text").GetString()!);
        using var registered = await ConfirmAsync(browser, "13950003333", fresh);
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
    }

    [Fact]
    public async Task AUsedCodeReplayed_AndANumberAlreadyRegistered_GetOnlyWhatAPortalSays()
    {
        await using var gateway = await TestSmsGateway.StartAsync();
        await using var host = await StartAsync(gateway);
        using var browser = PageSignInTests.Browser(host);
        using var sent = await RegisterAsync(browser, "13950004444");
        var code = CodeOf(gateway.Requests.Single().Body.GetProperty("text").GetString()!);
        using var registered = await ConfirmAsync(browser, "13950004444", code);
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);

        using var attacker = PageSignInTests.Browser(host);
        using var replay = await ConfirmAsync(attacker, "13950004444", code);
        using var taken = await RegisterAsync(attacker, "139 5000 4444", displayName: "王五");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, replay.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, taken.StatusCode);
        Assert.Contains("该手机号已注册，请直接登录", await HtmlAsync(replay), StringComparison.Ordinal);
        var takenPage = await HtmlAsync(taken);
        Assert.Contains("id=\"register-mobile-error\">该手机号已注册，请直接登录", takenPage, StringComparison.Ordinal);
        Assert.DoesNotContain("李四", takenPage, StringComparison.Ordinal);
        Assert.Single(gateway.Requests);
        var user = await host.GetJsonAsync("admin", "/api/admin/users/13950004444");
        Assert.Equal("李四", user.GetProperty("user").GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("1395000", "请输入正确的中国大陆手机号")]
    [InlineData("23950001234", "请输入正确的中国大陆手机号")]
    [InlineData("+1 415 555 0100", "请输入正确的中国大陆手机号")]
    [InlineData("1395000１２３４ab", "请输入正确的中国大陆手机号")]
    [InlineData("", "请输入手机号")]
    public async Task AMalformedNumber_IsRefusedNextToItsField_AndNothingIsTexted(string mobile, string message)
    {
        await using var gateway = await TestSmsGateway.StartAsync();
        await using var host = await StartAsync(gateway);
        using var browser = PageSignInTests.Browser(host);

        using var refused = await RegisterAsync(browser, mobile, repeat: Password + "x");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var page = await HtmlAsync(refused);
        Assert.Contains($"id=\"register-mobile-error\">{message}", page, StringComparison.Ordinal);
        Assert.Contains("id=\"register-repeat-error\">两次输入的密码不一致<", page, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, page, StringComparison.Ordinal);
        Assert.Empty(gateway.Requests);
    }

    [Fact]
    public async Task RequestsFromOneAddress_AreThrottled_AcrossNumbers()
    {
        await using var gateway = await TestSmsGateway.StartAsync();
        await using var host = await StartAsync(gateway);
        using var browser = PageSignInTests.Browser(host);
        for (var i = 0; i < 10; i++)
        {
            using var sent = await RegisterAsync(browser, $"1360000{i:D4}");
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }

        using var eleventh = await RegisterAsync(browser, "13600009999");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, eleventh.StatusCode);
        Assert.Contains("操作过于频繁，请 1 小时后再试", await HtmlAsync(eleventh), StringComparison.Ordinal);
        Assert.Equal(10, gateway.Requests.Count);
    }

    [Fact]
    public async Task WithoutAnSmsChannel_RegistrationIsClosed_AndThePageSaysWhy()
    {
        await using var host = await AllInOneHost.StartAsync();
        using var browser = PageSignInTests.Browser(host);

        var login = await browser.GetStringAsync("/account/login");
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync("/account/register"));
        var token = await PageSignInTests.AntiforgeryTokenAsync(browser, "/account/register");
        using var posted = await browser.PostAsync("/account/register", new FormUrlEncodedContent(
            [new("Input.Mobile", "13950005555"), new("Input.DisplayName", "赵六"), new("Input.Password", Password), new("Input.Repeat", Password), new("__RequestVerificationToken", token)]));

        Assert.DoesNotContain("/account/register", login, StringComparison.Ordinal);
        Assert.Contains("本平台暂未开通短信服务，无法发送验证码，暂不能注册", page, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Input.Mobile\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
    }

    [Fact]
    public async Task SwitchedOff_RegistrationIsClosed_ThoughAnSmsChannelIsThere_AndAskingForItWithoutOneStopsTheHost()
    {
        await using var gateway = await TestSmsGateway.StartAsync();
        await using (var host = await StartAsync(gateway, "--Identity:SelfRegistration=false"))
        {
            using var browser = PageSignInTests.Browser(host);
            Assert.Contains("本平台未开放申请人自行注册", WebUtility.HtmlDecode(await browser.GetStringAsync("/account/register")), StringComparison.Ordinal);
            Assert.DoesNotContain("/account/register", await browser.GetStringAsync("/account/login"), StringComparison.Ordinal);
        }

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => AllInOneHost.StartAsync(extraArgs: "--Identity:SelfRegistration=true"));
        Assert.Contains("Notifications:Sms:Url", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAntiforgeryTokenIsRequired()
    {
        await using var gateway = await TestSmsGateway.StartAsync();
        await using var host = await StartAsync(gateway);
        using var browser = PageSignInTests.Browser(host);

        using var refused = await RegisterAsync(browser, "13950006666", withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Empty(gateway.Requests);
    }

    [Fact]
    public async Task TheApplyForm_OffersARegisteredApplicantsNumberAndEmail_WhichTheyMayChange()
    {
        await using var gateway = await TestSmsGateway.StartAsync();
        await using var host = await StartAsync(gateway);
        using var browser = await RegisteredBrowserAsync(host, gateway, "139 5000 7777", "lisi@example.cn");

        var form = await browser.GetStringAsync(ApplyPage);

        Assert.Equal("13950007777", FieldValue(form, "contactPhone"));
        Assert.Equal("lisi@example.cn", FieldValue(form, "contactEmail"));
        Assert.Equal("", FieldValue(form, "legalRepName"));
        // Offered, not imposed: a refused form (a company name too short) shows the number the applicant sent instead.
        var token = await PageSignInTests.AntiforgeryTokenAsync(browser, ApplyPage);
        var sent = BusinessOpening.Form();
        sent["companyName"] = "AB";
        sent["contactPhone"] = "13800001111";
        using var refused = await browser.PostAsync(ApplyPage, ApplicantPagesTests.ApplyForm(token, form: sent));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var again = await refused.Content.ReadAsStringAsync();
        Assert.Equal("13800001111", FieldValue(again, "contactPhone"));
    }

    [Fact]
    public async Task TheApplyForm_OffersNothing_ToAnApplicantWhoDidNotRegisterThemselves()
    {
        await using var host = await AllInOneHost.StartAsync();
        using var browser = await PageSignInTests.SignedInBrowserAsync(host, "zhangsan", "Demo#2026");

        var form = await browser.GetStringAsync("/services/business-opening/apply");

        Assert.Equal("", FieldValue(form, "contactPhone"));
        Assert.Equal("", FieldValue(form, "contactEmail"));
    }

    /// <summary>The apply page of 企业开办, whose form has a phone field and an e-mail field.</summary>
    internal const string ApplyPage = "/services/business-opening/apply";

    /// <summary>A browser signed in as an applicant who has just registered with <paramref name="mobile"/> and <paramref name="email"/>.</summary>
    internal static async Task<HttpClient> RegisteredBrowserAsync(AllInOneHost host, TestSmsGateway gateway, string mobile, string? email)
    {
        var browser = PageSignInTests.Browser(host);
        using var sent = await RegisterAsync(browser, mobile, email: email);
        using var registered = await ConfirmAsync(
            browser, mobile.Replace(" ", "", StringComparison.Ordinal), CodeOf(gateway.Requests.Last().Body.GetProperty("text").GetString()!));
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        return browser;
    }

    /// <summary>The value an input of the combined form shows (<c>f-&lt;key&gt;</c>), decoded.</summary>
    internal static string FieldValue(string html, string key)
    {
        var input = Regex.Match(html, $"<input[^>]*\\bid=\"f-{key}\"[^>]*>");
        Assert.True(input.Success, $"no input for {key}");
        return WebUtility.HtmlDecode(Regex.Match(input.Value, "\\bvalue=\"([^\"]*)\"").Groups[1].Value);
    }

    internal static Task<AllInOneHost> StartAsync(TestSmsGateway gateway, params string[] more) =>
        AllInOneHost.StartAsync(null, null, [
            "--Pages:PublicBaseUrl=https://zwfw.example.gov.cn/yjs", $"--Notifications:Sms:Url={gateway.Url}", $"--Notifications:Sms:Secret={TestSmsGateway.Secret}", .. more]);

    private static async Task<HttpResponseMessage> RegisterAsync(
        HttpClient browser, string mobile, string displayName = "李四", string? email = null, string repeat = Password, bool withToken = true)
    {
        var token = await PageSignInTests.AntiforgeryTokenAsync(browser, "/account/register");
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Input.Mobile", mobile), new("Input.Email", email ?? ""), new("Input.DisplayName", displayName), new("Input.Password", Password), new("Input.Repeat", repeat),
        };
        if (withToken)
        {
            fields.Add(new("__RequestVerificationToken", token));
        }

        return await browser.PostAsync("/account/register", new FormUrlEncodedContent(fields));
    }

    private static async Task<HttpResponseMessage> ConfirmAsync(HttpClient browser, string mobile, string code)
    {
        var token = await PageSignInTests.AntiforgeryTokenAsync(browser, "/account/register/code?mobile=" + mobile);
        return await browser.PostAsync("/account/register/code", new FormUrlEncodedContent(
            [new("mobile", mobile), new("code", code), new("__RequestVerificationToken", token)]));
    }

    private static async Task<HttpResponseMessage> ResendAsync(HttpClient browser, string mobile)
    {
        var token = await PageSignInTests.AntiforgeryTokenAsync(browser, "/account/register/code?mobile=" + mobile);
        return await browser.PostAsync("/account/register/code?handler=Resend", new FormUrlEncodedContent(
            [new("mobile", mobile), new("__RequestVerificationToken", token)]));
    }

    private static string CodeOf(string text) => SixDigits().Match(text).Value;

    private static async Task<string> HtmlAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    [GeneratedRegex(@"(?<!\d)\d{6}(?!\d)")]
    private static partial Regex SixDigits();
}
