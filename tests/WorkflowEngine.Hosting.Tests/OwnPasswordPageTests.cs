using System.Net;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// A signed-in user changes their own password on the account page: the current one, the new one twice, under the rule
/// an administrator's new password follows; the change ends every other session, keeps this one, and is audited.
/// </summary>
[Trait("Category", "Integration")]
public sealed class OwnPasswordPageTests
{
    private const string OldPassword = "Demo#2026";
    private const string NewPassword = "Min-River-Bridge-2026";

    [Fact]
    public async Task ChangingOnesOwnPassword_EndsTheOtherSessions_KeepsThisOne_AndIsAudited()
    {
        await using var host = await AllInOneHost.StartAsync();
        using var here = await PageSignInTests.SignedInBrowserAsync(host, "zhangsan", OldPassword);
        using var elsewhere = await PageSignInTests.SignedInBrowserAsync(host, "zhangsan", OldPassword);
        var token = await PageSignInTests.AntiforgeryTokenAsync(here, "/account");

        async Task<(HttpStatusCode Status, string Page, Uri? Location)> ChangeAsync(string current, string next, string repeat)
        {
            using var response = await here.PostAsync("/account?handler=Password", new FormUrlEncodedContent(
                [new("Input.Current", current), new("Input.New", next), new("Input.Repeat", repeat), new("__RequestVerificationToken", token)]));
            return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), response.Headers.Location);
        }

        var wrong = await ChangeAsync("not-the-password", NewPassword, NewPassword);
        var tooShort = await ChangeAsync(OldPassword, "short", "short");
        var differ = await ChangeAsync(OldPassword, NewPassword, NewPassword + "x");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.Status);
        Assert.Contains("id=\"password-current-error\">当前密码不正确<", wrong.Page, StringComparison.Ordinal);
        Assert.Contains("id=\"password-new-error\">密码应为 12 至 256 个字符<", tooShort.Page, StringComparison.Ordinal);
        Assert.Contains("id=\"password-repeat-error\">两次输入的新密码不一致<", differ.Page, StringComparison.Ordinal);
        Assert.DoesNotContain(NewPassword, differ.Page, StringComparison.Ordinal);

        var changed = await ChangeAsync(OldPassword, NewPassword, NewPassword);

        Assert.Equal(HttpStatusCode.Redirect, changed.Status);
        Assert.Equal("/account?changed=true", changed.Location?.OriginalString);
        using (var kept = await here.GetAsync("/account?changed=true"))
        {
            Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
            Assert.Contains("密码已修改", await kept.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var ended = await elsewhere.GetAsync("/account"))
        {
            Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
            Assert.StartsWith("/account/login", ended.Headers.Location?.PathAndQuery ?? ended.Headers.Location?.OriginalString, StringComparison.Ordinal);
        }

        using var withOld = PageSignInTests.Browser(host);
        using var refused = await PageSignInTests.PostLoginAsync(withOld, "zhangsan", OldPassword);
        Assert.NotEqual(HttpStatusCode.Redirect, refused.StatusCode);
        using var withNew = await PageSignInTests.SignedInBrowserAsync(host, "zhangsan", NewPassword);
        var audited = await host.GetJsonAsync("admin", "/api/admin/sign-ins?user=zhangsan&kind=password-changed");
        var entry = Assert.Single(audited.EnumerateArray());
        Assert.Equal("page", entry.GetProperty("channel").GetString());
    }
}
