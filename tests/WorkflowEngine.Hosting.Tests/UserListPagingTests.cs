using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// The users list (<c>GET /api/admin/users</c> and <c>/admin/users</c>) is filtered by role, department and part of the
/// name, and comes a page at a time, as an administrator of a centre with thousands of applicants needs it.
/// </summary>
[Trait("Category", "Integration")]
public sealed class UserListPagingTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string Password = "a long enough password 2026";

    private AllInOneHost Host => fixture.Host;

    /// <summary>Seven applicants pager-01 … pager-07 named 翻页测试一 …, and a clerk pager-clerk of SAMR; created once per host.</summary>
    private async Task SeedAsync()
    {
        using var admin = Host.Client("admin");
        string[] numbers = ["一", "二", "三", "四", "五", "六", "七"];
        for (var i = 1; i <= numbers.Length; i++)
        {
            using var created = await admin.PostAsJsonAsync(
                "/api/admin/users", new { userName = $"pager-0{i}", displayName = $"翻页测试{numbers[i - 1]}", role = "applicant", password = Password });
            Assert.True(created.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, await created.Content.ReadAsStringAsync());
        }

        using var clerk = await admin.PostAsJsonAsync(
            "/api/admin/users", new { userName = "pager-clerk", displayName = "翻页窗口", role = "clerk", department = "SAMR", password = Password });
        Assert.True(clerk.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict);
    }

    private async Task<(string[] Ids, string Total)> ListAsync(string query)
    {
        using var admin = Host.Client("admin");
        using var response = await admin.GetAsync("/api/admin/users?" + query);
        var users = await ProblemAssert.JsonAsync(response, HttpStatusCode.OK);
        return (users.EnumerateArray().Select(u => u.GetProperty("id").GetString()!).ToArray(), string.Join(",", response.Headers.GetValues("X-Total-Count")));
    }

    [Fact]
    public async Task UserList_IsPaged_WithTheTotalTheFilterMatches()
    {
        await SeedAsync();

        var first = await ListAsync("q=pager-0&limit=3");
        var third = await ListAsync("q=pager-0&limit=3&offset=6");
        var past = await ListAsync("q=pager-0&limit=3&offset=30");

        Assert.Equal(["pager-01", "pager-02", "pager-03"], first.Ids);
        Assert.Equal("7", first.Total);
        Assert.Equal(["pager-07"], third.Ids);
        Assert.Empty(past.Ids);
        Assert.Equal("7", past.Total);
    }

    [Fact]
    public async Task UserList_FiltersByRoleDepartmentAndPartOfTheNameOrUserName()
    {
        await SeedAsync();

        Assert.Equal(7, (await ListAsync("q=" + Uri.EscapeDataString("翻页测试"))).Ids.Length);
        Assert.Equal(["pager-05"], (await ListAsync("q=" + Uri.EscapeDataString("测试五"))).Ids);
        Assert.Equal(["pager-clerk"], (await ListAsync("q=PAGER&role=clerk")).Ids);
        Assert.Equal(7, (await ListAsync("q=pager&role=applicant")).Ids.Length);
        var samr = (await ListAsync("department=SAMR&limit=500")).Ids;
        Assert.Contains("pager-clerk", samr);
        Assert.Contains("samr-supervisor", samr);
        Assert.DoesNotContain("pager-01", samr);

        // A search means its characters: "_" and "%" are not wildcards.
        Assert.Empty((await ListAsync("q=pager_0")).Ids);
        Assert.Empty((await ListAsync("q=pager%25")).Ids);
    }

    [Theory]
    [InlineData("role=%00")]
    [InlineData("role=root")]
    [InlineData("department=NOPE")]
    [InlineData("q=pa%00ger")]
    [InlineData("q=pager%E2%80%AE")]
    [InlineData("limit=abc")]
    [InlineData("offset=2147483648")]
    [InlineData("limit=-99999999999")]
    public async Task UserList_WithAHostileQuery_Is400WithProblemDetails(string query)
    {
        using var admin = Host.Client("admin");
        using var response = await admin.GetAsync("/api/admin/users?" + query);
        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("limit=-1", "limit")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("limit=100000", "limit")]
    [InlineData("limit=abc", "limit")]
    [InlineData("limit=2147483648", "limit")]
    [InlineData("limit=2.5", "limit")]
    [InlineData("offset=-3", "offset")]
    [InlineData("offset=x", "offset")]
    public async Task UserList_WithAPageOutOfRange_Is400NamingTheField(string query, string field)
    {
        using var admin = Host.Client("admin");
        using var response = await admin.GetAsync("/api/admin/users?" + query);
        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.StartsWith(field, ProblemAssert.FieldError(problem, field), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserList_AtTheEdgesOfThePage_AnswersThePageAskedFor()
    {
        await SeedAsync();

        Assert.Equal(["pager-01"], (await ListAsync("q=pager-0&limit=1&offset=0")).Ids);
        Assert.Equal(7, (await ListAsync("q=pager-0&limit=500")).Ids.Length);
        Assert.Equal(["pager-01", "pager-02"], (await ListAsync("q=pager-0&limit=2&offset=")).Ids);
        using var admin = Host.Client("admin");
        using var longSearch = await admin.GetAsync("/api/admin/users?q=" + new string('p', 5000));
        Assert.Equal("q", (await ProblemAssert.IsAsync(longSearch, HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().Single().Name);
    }

    [Fact]
    public async Task UsersPage_ShowsPageTwo_WithLinksThatKeepTheFilter()
    {
        await SeedAsync();
        using var admin = await PageSignInTests.SignedInBrowserAsync(Host, "admin", IdentitySeeding.DemoPassword);

        var html = WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/users?filterRole=applicant&q=pager&limit=3&offset=3"));

        Assert.Contains("data-user=\"pager-04\"", html, StringComparison.Ordinal);
        Assert.Contains("data-user=\"pager-06\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-user=\"pager-03\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-user=\"pager-07\"", html, StringComparison.Ordinal);
        Assert.Contains("共 7 位用户，显示第 4–6 位", html, StringComparison.Ordinal);
        Assert.Contains("<a rel=\"prev\" href=\"/admin/users?filterRole=applicant&q=pager&limit=3&offset=0\">", html, StringComparison.Ordinal);
        Assert.Contains("<a rel=\"next\" href=\"/admin/users?filterRole=applicant&q=pager&limit=3&offset=6\">", html, StringComparison.Ordinal);
        Assert.Contains("id=\"q\" name=\"q\" type=\"search\" value=\"pager\"", html, StringComparison.Ordinal);
    }
}
