using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// The API took the pages' session cookie for every call and checked no anti-forgery token, and many of its posts need
/// no body (claim, release, publish, unlock) or take one a plain HTML form can send (text/plain definitions). SameSite=Lax
/// keeps the cookie off cross-site posts only, so a form on a sibling site could make a signed-in clerk's browser claim
/// a task, or an administrator's save a draft. Now a call signed in by the session must carry the page's token;
/// scripts sign in with a bearer token, which a form cannot add, and need none.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class Bug_11_SessionCallsNeedTheAntiforgeryToken(HostFixture fixture) : IClassFixture<HostFixture>
{
    private AllInOneHost Host => fixture.Host;

    [Fact]
    public async Task ClaimBySession_WithoutTheToken_IsRefused_AndTheTaskStaysUnclaimed_WithTheTokenOrABearerTokenItIsClaimed()
    {
        var forged = (await Host.TaskOfAsync(await Host.SubmitBusinessOpeningAsync())).GetProperty("id").GetString();
        var scripted = (await Host.TaskOfAsync(await Host.SubmitBusinessOpeningAsync())).GetProperty("id").GetString();
        using var browser = await PageSignInTests.SignedInBrowserAsync(Host, "samr-clerk", "Demo#2026");

        using var refused = await browser.PostAsync($"/api/tasks/{forged}/claim", null);

        var problem = await ProblemAssert.IsAsync(refused, HttpStatusCode.BadRequest);
        Assert.Equal("请求缺少防伪令牌", problem.GetProperty("title").GetString());
        Assert.Contains("Bearer", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, (await TaskAsync(forged)).GetProperty("claimedBy").ValueKind);

        using var withToken = new HttpRequestMessage(HttpMethod.Post, $"/api/tasks/{forged}/claim");
        withToken.Headers.Add("RequestVerificationToken", await PageTokenAsync(browser));
        using var claimed = await browser.SendAsync(withToken);
        Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        Assert.Equal("samr-clerk", (await TaskAsync(forged)).GetProperty("claimedBy").GetString());

        using var script = await TokenSignInTests.SignedInAsync(Host, "samr-clerk");
        using var byScript = await script.PostAsync($"/api/tasks/{scripted}/claim", null);
        Assert.Equal(HttpStatusCode.OK, byScript.StatusCode);
    }

    [Fact]
    public async Task TextPlainDraftBySession_WithoutTheToken_IsRefused_AndNoDraftIsSaved()
    {
        using var browser = await PageSignInTests.SignedInBrowserAsync(Host, "admin", "Demo#2026");
        const string yaml = """
            id: forged-draft
            title: 伪造草稿
            timeLimits: { statutory: { workingDays: 10 }, promised: { workingDays: 5 } }
            form:
              - { key: name, label: 姓名, type: text, required: true }
            flow:
              - { id: registration, activity: department-task, title: 就业登记, department: HRSS, limit: { workingDays: 3 } }
            """;

        // What a form with enctype="text/plain" sends.
        using var refused = await browser.PostAsync("/api/definitions", new StringContent(yaml, Encoding.UTF8, "text/plain"));

        await ProblemAssert.IsAsync(refused, HttpStatusCode.BadRequest);
        var definitions = await Host.GetJsonAsync("admin", "/api/definitions");
        Assert.DoesNotContain(definitions.EnumerateArray(), d => d.GetProperty("id").GetString() == "forged-draft");
    }

    /// <summary>The token a signed-in page gives its scripts.</summary>
    private static async Task<string> PageTokenAsync(HttpClient browser)
    {
        using var page = await browser.GetAsync("/account");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var token = TokenMeta().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
        Assert.NotEmpty(token);
        return token;
    }

    private async Task<JsonElement> TaskAsync(string? id) =>
        (await Host.GetJsonAsync("samr-clerk", "/api/departments/SAMR/tasks?status=all&limit=500")).EnumerateArray().Single(t => t.GetProperty("id").GetString() == id);

    [GeneratedRegex("<meta name=\"request-verification-token\" content=\"([^\"]+)\"")]
    private static partial Regex TokenMeta();
}
