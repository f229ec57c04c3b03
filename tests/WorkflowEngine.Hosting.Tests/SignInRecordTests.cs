using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// An administrator reads the sign-in record of the whole host — on a page and in the API — and narrows it to the
/// failures, lockouts and refusals, where someone trying passwords shows, including names that do not exist.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SignInRecordTests
{
    private const string Password = "Demo#2026";

    [Fact]
    public async Task TheProblemsFilter_ShowsEveryFailedAttempt_AndNoSuccessfulSignIn_OnThePageAndInTheApi()
    {
        await using var host = await AllInOneHost.StartAsync();
        (await TokenSignInTests.RequestTokenAsync(host, "samr-clerk", "wrong password 1")).Dispose();
        (await TokenSignInTests.RequestTokenAsync(host, "no-such-user", "wrong password 2")).Dispose();
        (await TokenSignInTests.RequestTokenAsync(host, "zhangsan", Password)).Dispose();
        using var admin = await PageSignInTests.SignedInBrowserAsync(host, "admin", Password);

        var page = WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/sign-ins?kind=problems"));
        var all = WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/sign-ins"));

        Assert.Contains("no-such-user", page, StringComparison.Ordinal);
        Assert.Contains("samr-clerk", page, StringComparison.Ordinal);
        Assert.Contains("密码错误或无此用户", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-kind=\"succeeded\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-kind=\"token-issued\"", page, StringComparison.Ordinal);
        Assert.Contains("data-kind=\"succeeded\"", all, StringComparison.Ordinal);

        using var api = host.Client("admin");
        var problems = await api.GetFromJsonAsync<JsonElement[]>("/api/admin/sign-ins?kind=problems");
        Assert.NotNull(problems);
        Assert.Equal(["no-such-user", "samr-clerk"], problems.Select(e => e.GetProperty("userName").GetString()).Order(StringComparer.Ordinal));
        Assert.All(problems, e => Assert.Equal("failed", e.GetProperty("kind").GetString()));
        var successes = await api.GetFromJsonAsync<JsonElement[]>("/api/admin/sign-ins?kind=succeeded,token-issued");
        Assert.Contains(successes!, e => e.GetProperty("userName").GetString() == "zhangsan");
        Assert.DoesNotContain(successes!, e => e.GetProperty("kind").GetString() == "failed");
    }

    [Theory]
    [InlineData("kind=everything")]
    [InlineData("kind=failed;DROP%20TABLE%20users")]
    [InlineData("kind=failed,%00")]
    [InlineData("kind=problems,failed")]
    [InlineData("kind=%E2%80%AEfailed")]
    [InlineData("limit=99999999999")]
    public async Task AFilterThatNamesNoKind_Gets400_NamingTheField(string query)
    {
        await using var host = await AllInOneHost.StartAsync();
        using var api = host.Client("admin");

        using var response = await api.GetAsync("/api/admin/sign-ins?" + query);

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest);
        if (query.StartsWith("kind=", StringComparison.Ordinal))
        {
            Assert.Contains("problems", ProblemAssert.FieldError(problem, "kind"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AClerk_ReadsNoSignInRecord()
    {
        await using var host = await AllInOneHost.StartAsync();
        using var clerk = host.Client("samr-clerk");

        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("/api/admin/sign-ins?kind=problems")).StatusCode);
    }
}
