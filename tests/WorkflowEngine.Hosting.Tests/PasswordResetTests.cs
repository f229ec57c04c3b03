using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// An applicant who registered with their mobile number resets a forgotten password (忘记密码) with a code texted through
/// the SMS gateway: the old password stops working, the new one works, every other session and token of the account
/// ends, and the browser goes to sign in. Wrong, mistyped and expired codes, the throttles, staff and unknown numbers
/// (the same answer, nothing texted) and hostile input are refused next to their field.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class PasswordResetTests
{
    private const string OldPassword = "Min-River-Bridge-2026";
    private const string NewPassword = "Gu-Mountain-Drum-2027";
    private const string Mobile = "13950001111";

    [Fact]
    public async Task Resetting_WithTheTextedCode_ReplacesThePassword_EndsEveryOtherSessionAndToken_AndSendsToSignIn()
    {
        await using var gateway = await TestSmsGateway.StartAsync();
        await using var host = await SelfRegistrationTests.StartAsync(gateway, "--Notifications:Sms:Signature=【福州政务】");
        using var elsewhere = await SelfRegistrationTests.RegisteredBrowserAsync(host, gateway, Mobile, null);
        using var scripted = await BearerClientAsync(host, Mobile, OldPassword);
        using (var before = await scripted.GetAsync("/api/applications"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var browser = PageSignInTests.Browser(host);
        var login = await browser.GetStringAsync("/account/login");
        Assert.Contains("href=\"/account/password-reset\"", login, StringComparison.Ordinal);
        Assert.Contains("忘记密码？", WebUtility.HtmlDecode(login), StringComparison.Ordinal);

        using var sent = await RequestCodeAsync(browser, "139 5000 1111");

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal("/account/password-reset/code?mobile=13950001111", sent.Headers.Location?.OriginalString);
        var (body, signed) = gateway.Requests.Last();
        Assert.True(signed, "the gateway found the signature wrong");
        Assert.Equal(Mobile, body.GetProperty("phone").GetString());
        Assert.StartsWith("password-reset-", body.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("【福州政务】您正在找回密码，验证码为 ", body.GetProperty("text").GetString(), StringComparison.Ordinal);
        var codePage = WebUtility.HtmlDecode(await browser.GetStringAsync(sent.Headers.Location!.OriginalString));
        Assert.Contains("如 139****1111 已注册为申请人账户，6 位数字验证码已发送至该手机号", codePage, StringComparison.Ordinal);

        using var reset = await ResetAsync(browser, Mobile, CodeFor(gateway, Mobile), NewPassword);

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal("/account/login?reset=13950001111", reset.Headers.Location?.OriginalString);
        var signInPage = WebUtility.HtmlDecode(await browser.GetStringAsync("/account/login?reset=13950001111"));
        Assert.Contains("密码已重置，请使用手机号和新密码登录", signInPage, StringComparison.Ordinal);
        Assert.Contains("value=\"13950001111\"", signInPage, StringComparison.Ordinal);
        using (var ended = await elsewhere.GetAsync("/account"))
        {
            Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
            Assert.StartsWith("/account/login", ended.Headers.Location?.PathAndQuery ?? ended.Headers.Location?.OriginalString, StringComparison.Ordinal);
        }

        using (var after = await scripted.GetAsync("/api/applications"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        }

        using var withOld = await PageSignInTests.PostLoginAsync(PageSignInTests.Browser(host), Mobile, OldPassword);
        Assert.NotEqual(HttpStatusCode.Redirect, withOld.StatusCode);
        using var withNew = await PageSignInTests.SignedInBrowserAsync(host, Mobile, NewPassword);
        using var replay = await ResetAsync(PageSignInTests.Browser(host), Mobile, CodeFor(gateway, Mobile), OldPassword);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, replay.StatusCode);
        Assert.Contains("id=\"reset-code-error\">验证码无效，请重新获取<", await HtmlAsync(replay), StringComparison.Ordinal);

        var codeSent = Assert.Single((await host.GetJsonAsync("admin", $"/api/admin/sign-ins?user={Mobile}&kind=reset-code-sent")).EnumerateArray());
        Assert.Equal("page", codeSent.GetProperty("channel").GetString());
        Assert.Single((await host.GetJsonAsync("admin", $"/api/admin/sign-ins?user={Mobile}&kind=password-reset")).EnumerateArray());
        var user = await host.GetJsonAsync("admin", $"/api/admin/users/{Mobile}");
        var audit = user.GetProperty("audit").EnumerateArray().Select(a => a.GetProperty("action").GetString()).ToList();
        Assert.Contains("password-reset", audit);
    }

    [Fact]
    public async Task WrongCodes_CountDown_MistypedOnesAndMismatchedPasswordsCostNoTry_AndAfterFiveEvenTheRightCodeIsRefused()
    {
        await using var gateway = await TestSmsGateway.StartAsync();
        await using var host = await SelfRegistrationTests.StartAsync(gateway);
        using var registered = await SelfRegistrationTests.RegisteredBrowserAsync(host, gateway, Mobile, null);
        using var browser = PageSignInTests.Browser(host);
        using var sent = await RequestCodeAsync(browser, Mobile);
        var code = CodeFor(gateway, Mobile);
        var wrong = code == "000000" ? "111111" : "000000";

        using var letters = await ResetAsync(browser, Mobile, "abcdef", NewPassword);
        using var differ = await ResetAsync(browser, Mobile, code, NewPassword, repeat: NewPassword + "x");
        using var tooShort = await ResetAsync(browser, Mobile, code, "short");
        using var first = await ResetAsync(browser, Mobile, wrong, NewPassword);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, letters.StatusCode);
        Assert.Contains("id=\"reset-code-error\">验证码为短信中的 6 位数字，请检查后重新输入<", await HtmlAsync(letters), StringComparison.Ordinal);
        var differPage = await HtmlAsync(differ);
        Assert.Contains("id=\"reset-repeat-error\">两次输入的密码不一致<", differPage, StringComparison.Ordinal);
        Assert.DoesNotContain(NewPassword, differPage, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#reset-repeat\">两次输入的密码不一致</a>", differPage, StringComparison.Ordinal);
        Assert.Contains("id=\"reset-password-error\">密码应为 12 至 256 个字符<", await HtmlAsync(tooShort), StringComparison.Ordinal);
        Assert.Contains("id=\"reset-code-error\">验证码不正确，还可以再试 4 次<", await HtmlAsync(first), StringComparison.Ordinal);
        for (var i = 0; i < 3; i++)
        {
            using var _ = await ResetAsync(browser, Mobile, wrong, NewPassword);
        }

        using var fifth = await ResetAsync(browser, Mobile, wrong, NewPassword);
        using var right = await ResetAsync(browser, Mobile, code, NewPassword);

        Assert.Contains("验证码错误次数过多，请重新获取", await HtmlAsync(fifth), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, right.StatusCode);
        Assert.Contains("验证码错误次数过多，请重新获取", await HtmlAsync(right), StringComparison.Ordinal);
        using var stillOld = await PageSignInTests.SignedInBrowserAsync(host, Mobile, OldPassword);
        Assert.Equal(5, (await host.GetJsonAsync("admin", $"/api/admin/sign-ins?user={Mobile}&kind=reset-code-wrong")).GetArrayLength());
    }

    [Fact]
    public async Task AnExpiredCode_IsRefused_ResendingTooSoonIsRefused_AndANewCodeWorks_ClearingALockout()
    {
        await using var gateway = await TestSmsGateway.StartAsync();
        await using var host = await SelfRegistrationTests.StartAsync(gateway);
        using var registered = await SelfRegistrationTests.RegisteredBrowserAsync(host, gateway, Mobile, null);
        for (var i = 0; i < 5; i++)
        {
            using var _ = await PageSignInTests.PostLoginAsync(PageSignInTests.Browser(host), Mobile, "not-the-password");
        }

        using var browser = PageSignInTests.Browser(host);
        using var sent = await RequestCodeAsync(browser, Mobile);
        var old = CodeFor(gateway, Mobile);
        using var tooSoon = await ResendAsync(browser, Mobile);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooSoon.StatusCode);
        Assert.Matches("id=\"reset-resend-error\">验证码已发送，请 \\d+ 秒后再重新获取<", await HtmlAsync(tooSoon));

        host.Clock.Advance(TimeSpan.FromMinutes(11));
        using var expired = await ResetAsync(browser, Mobile, old, NewPassword);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, expired.StatusCode);
        Assert.Contains("id=\"reset-code-error\">验证码已过期（10 分钟内有效），请重新获取<", await HtmlAsync(expired), StringComparison.Ordinal);

        using var resent = await ResendAsync(browser, Mobile);
        Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
        Assert.Equal("/account/password-reset/code?mobile=13950001111&resent=true", resent.Headers.Location?.OriginalString);
        var fresh = CodeFor(gateway, Mobile);
        using var reset = await ResetAsync(browser, Mobile, fresh, NewPassword);
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        // The account was locked by the five wrong passwords: the new password opens it at once.
        using var signedIn = await PageSignInTests.SignedInBrowserAsync(host, Mobile, NewPassword);
    }

    [Fact]
    public async Task StaffNumbers_UnknownNumbers_AndAccountsThatDidNotRegisterTheirNumber_GetTheSameAnswer_AndNoText()
    {
        await using var gateway = await TestSmsGateway.StartAsync();
        await using var host = await SelfRegistrationTests.StartAsync(gateway);
        using var registered = await SelfRegistrationTests.RegisteredBrowserAsync(host, gateway, Mobile, null);
        using var admin = host.Client("admin");
        foreach (var (userName, role, department) in new[] { ("13950002222", "clerk", "SAMR"), ("13950003333", "admin", (string?)null), ("13950004444", "applicant", null) })
        {
            using var created = await admin.PostAsJsonAsync("/api/admin/users", new { userName, displayName = "王五", role, department, password = OldPassword });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var texted = gateway.Requests.Count;
        var answers = new List<string>();
        foreach (var mobile in new[] { Mobile, "13950002222", "13950003333", "13950004444", "13950005555" })
        {
            using var browser = PageSignInTests.Browser(host);
            using var sent = await RequestCodeAsync(browser, mobile);
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
            Assert.Equal($"/account/password-reset/code?mobile={mobile}", sent.Headers.Location?.OriginalString);
            var page = WebUtility.HtmlDecode(await browser.GetStringAsync(sent.Headers.Location!.OriginalString));
            var code = mobile == Mobile ? CodeFor(gateway, Mobile) : null;
            using var wrong = await ResetAsync(browser, mobile, code == "000000" ? "111111" : "000000", NewPassword);
            using var tooSoon = await RequestCodeAsync(browser, mobile);
            answers.Add(string.Join("\n", Notice(page, MobileMask(mobile)), FieldError(await HtmlAsync(wrong), "reset-code"), FieldError(await HtmlAsync(tooSoon), "reset-mobile")));
        }

        // Only the self-registered applicant got a text; every number read the same words, counted down and throttled alike.
        Assert.Equal(texted + 1, gateway.Requests.Count);
        Assert.Equal(Mobile, gateway.Requests.Last().Body.GetProperty("phone").GetString());
        var expected = answers[0];
        Assert.Contains("还可以再试 4 次", expected, StringComparison.Ordinal);
        Assert.Contains("秒后再重新获取", expected, StringComparison.Ordinal);
        Assert.All(answers, answer => Assert.Equal(Regex.Replace(expected, "\\d+ 秒", "N 秒"), Regex.Replace(answer, "\\d+ 秒", "N 秒")));
        Assert.Equal(4, (await host.GetJsonAsync("admin", "/api/admin/sign-ins?kind=reset-code-withheld")).GetArrayLength());
        using var clerkStill = await PageSignInTests.SignedInBrowserAsync(host, "13950002222", OldPassword);
    }

    [Fact]
    public async Task OneNumber_GetsFiveCodesAnHour_AndOneAddressTenRequests_EvenForNumbersWithoutAnAccount()
    {
        await using var gateway = await TestSmsGateway.StartAsync();
        await using var host = await SelfRegistrationTests.StartAsync(gateway);
        using var registered = await SelfRegistrationTests.RegisteredBrowserAsync(host, gateway, Mobile, null);
        using var browser = PageSignInTests.Browser(host);
        for (var i = 0; i < 5; i++)
        {
            using var sent = await RequestCodeAsync(browser, Mobile);
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
            host.Clock.Advance(TimeSpan.FromSeconds(61));
        }

        using var sixth = await RequestCodeAsync(browser, Mobile);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, sixth.StatusCode);
        Assert.Contains("id=\"reset-mobile-error\">此手机号获取验证码过于频繁，请 1 小时后再试<", await HtmlAsync(sixth), StringComparison.Ordinal);
        Assert.Equal(5, gateway.Requests.Count(r => r.Body.GetProperty("id").GetString()!.StartsWith("password-reset-", StringComparison.Ordinal)));

        for (var i = 0; i < 5; i++)
        {
            using var sent = await RequestCodeAsync(browser, $"1360000{i:D4}");
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }

        using var eleventh = await RequestCodeAsync(browser, "13600009999");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, eleventh.StatusCode);
        Assert.Contains("id=\"reset-mobile-error\">操作过于频繁，请 1 小时后再试<", await HtmlAsync(eleventh), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1395000111", "请输入正确的中国大陆手机号")]
    [InlineData("+1 415 555 0100", "请输入正确的中国大陆手机号")]
    [InlineData("13950001111\u202E", "请输入正确的中国大陆手机号")]
    [InlineData("１３９５０００１１１１😀", "请输入正确的中国大陆手机号")]
    [InlineData("' OR 1=1 --", "请输入正确的中国大陆手机号")]
    [InlineData("", "请输入手机号")]
    public async Task AHostileNumber_IsRefusedNextToItsField_AndNothingIsTexted(string mobile, string message)
    {
        await using var gateway = await TestSmsGateway.StartAsync();
        await using var host = await SelfRegistrationTests.StartAsync(gateway);
        using var browser = PageSignInTests.Browser(host);

        using var refused = await RequestCodeAsync(browser, mobile);
        using var tooLong = await RequestCodeAsync(browser, new string('1', 5000));
        using var codePage = await browser.GetAsync("/account/password-reset/code?mobile=" + Uri.EscapeDataString("<script>"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains($"id=\"reset-mobile-error\">{message}", await HtmlAsync(refused), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLong.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, codePage.StatusCode);
        Assert.Empty(gateway.Requests);
    }

    [Fact]
    public async Task WithoutAnSmsChannel_NoResetIsOffered_AndThePageSaysWhy()
    {
        await using var host = await AllInOneHost.StartAsync();
        using var browser = PageSignInTests.Browser(host);

        var login = await browser.GetStringAsync("/account/login");
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync("/account/password-reset"));
        var token = await PageSignInTests.AntiforgeryTokenAsync(browser, "/account/password-reset");
        using var posted = await browser.PostAsync("/account/password-reset", new FormUrlEncodedContent([new("mobile", Mobile), new("__RequestVerificationToken", token)]));
        using var withoutToken = await PageSignInTests.Browser(host).PostAsync("/account/password-reset", new FormUrlEncodedContent([new("mobile", Mobile)]));

        Assert.DoesNotContain("/account/password-reset", login, StringComparison.Ordinal);
        Assert.Contains("本平台暂不能通过短信验证码找回密码", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
    }

    private static async Task<HttpClient> BearerClientAsync(AllInOneHost host, string userName, string password)
    {
        var client = host.Client();
        using var issued = await client.PostAsJsonAsync("/api/auth/token", new { userName, password });
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        var token = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<HttpResponseMessage> RequestCodeAsync(HttpClient browser, string mobile)
    {
        var token = await PageSignInTests.AntiforgeryTokenAsync(browser, "/account/password-reset");
        return await browser.PostAsync("/account/password-reset", new FormUrlEncodedContent([new("mobile", mobile), new("__RequestVerificationToken", token)]));
    }

    private static async Task<HttpResponseMessage> ResetAsync(HttpClient browser, string mobile, string code, string password, string? repeat = null)
    {
        var token = await PageSignInTests.AntiforgeryTokenAsync(browser, "/account/password-reset/code?mobile=" + mobile);
        return await browser.PostAsync("/account/password-reset/code", new FormUrlEncodedContent(
            [new("mobile", mobile), new("code", code), new("password", password), new("repeat", repeat ?? password), new("__RequestVerificationToken", token)]));
    }

    private static async Task<HttpResponseMessage> ResendAsync(HttpClient browser, string mobile)
    {
        var token = await PageSignInTests.AntiforgeryTokenAsync(browser, "/account/password-reset/code?mobile=" + mobile);
        return await browser.PostAsync("/account/password-reset/code?handler=Resend", new FormUrlEncodedContent(
            [new("mobile", mobile), new("__RequestVerificationToken", token)]));
    }

    private static string CodeFor(TestSmsGateway gateway, string mobile) => SixDigits().Match(
        gateway.Requests.Last(r => r.Body.GetProperty("phone").GetString() == mobile).Body.GetProperty("text").GetString()!).Value;

    private static string MobileMask(string mobile) => $"{mobile[..3]}****{mobile[7..]}";

    /// <summary>The code page's notice of what was sent, with the number's mask taken out.</summary>
    private static string Notice(string page, string mask) =>
        Regex.Match(page, "id=\"reset-sent\">([^<]*)<").Groups[1].Value.Replace(mask, "###", StringComparison.Ordinal);

    private static string FieldError(string page, string id) => Regex.Match(page, $"id=\"{id}-error\">([^<]*)<").Groups[1].Value;

    private static async Task<string> HtmlAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    [GeneratedRegex(@"(?<!\d)\d{6}(?!\d)")]
    private static partial Regex SixDigits();
}
