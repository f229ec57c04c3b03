using System.Net;
using System.Text.RegularExpressions;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// A wrong password and an unknown name got the same answer, but only a real account was ever locked: after five tries
/// a real name answered “账户已锁定” (429 on the API) and a made-up one still “用户名或密码不正确”, so anyone could
/// probe which names exist. Now unknown names are counted and locked alike, and every answer is the same.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class Bug_11_LockoutDoesNotRevealNames
{
    [Fact]
    public async Task FiveWrongTries_ForAnUnknownName_AnswerAsForARealOne_OnTheApiAndThePage()
    {
        await using var host = await AllInOneHost.StartAsync();

        var api = new List<(string Real, string Unknown)>();
        var page = new List<(string Real, string Unknown)>();
        for (var attempt = 1; attempt <= 6; attempt++)
        {
            api.Add((await TokenAnswerAsync(host, "zhangsan", attempt), await TokenAnswerAsync(host, "no-such-person", attempt)));
            page.Add((await PageAnswerAsync(host, "lisi", attempt), await PageAnswerAsync(host, "no-such-page-person", attempt)));
        }

        Assert.All(api, a => Assert.Equal(a.Real, a.Unknown));
        Assert.All(page, p => Assert.Equal(p.Real, p.Unknown));
        // And the fifth and sixth are the lock's answer, not the wrong password's.
        Assert.StartsWith("429 账户已锁定", api[4].Unknown, StringComparison.Ordinal);
        Assert.StartsWith("429 账户已锁定", api[5].Unknown, StringComparison.Ordinal);
        Assert.NotEqual(page[3].Unknown, page[4].Unknown);
    }

    private static async Task<string> TokenAnswerAsync(AllInOneHost host, string userName, int attempt)
    {
        using var response = await TokenSignInTests.RequestTokenAsync(host, userName, "guess " + attempt);
        var problem = await ProblemAssert.IsAsync(response, response.StatusCode);
        return $"{(int)response.StatusCode} {problem.GetProperty("title").GetString()} | {problem.GetProperty("detail").GetString()} | {response.Headers.RetryAfter}";
    }

    private static async Task<string> PageAnswerAsync(AllInOneHost host, string userName, int attempt)
    {
        using var browser = PageSignInTests.Browser(host);
        using var response = await PageSignInTests.PostLoginAsync(browser, userName, "guess " + attempt);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        return $"{(int)response.StatusCode} {PasswordError().Match(html).Groups[1].Value}";
    }

    [GeneratedRegex("id=\"password-error\"[^>]*>([^<]*)<")]
    private static partial Regex PasswordError();
}
