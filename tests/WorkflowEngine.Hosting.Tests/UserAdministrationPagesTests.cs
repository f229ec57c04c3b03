using System.Net;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// The administrator's pages <c>/admin/users</c>, <c>/admin/users/{id}</c> and <c>/admin/departments</c>: the same rules
/// as the API, with errors beside their fields, anti-forgery on every form, and for administrators only.
/// </summary>
[Trait("Category", "Integration")]
public sealed class UserAdministrationPagesTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string Password = "a long enough password 2026";

    private AllInOneHost Host => fixture.Host;

    private static async Task<string> HtmlAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    internal static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string page, string handler, params (string Name, string Value)[] fields)
    {
        var token = await PageSignInTests.AntiforgeryTokenAsync(browser, page);
        var form = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new("__RequestVerificationToken", token));
        return await browser.PostAsync($"{page}?handler={handler}", new FormUrlEncodedContent(form));
    }

    [Fact]
    public async Task UsersPage_CreatesAUser_ShowsTheMadeUpPasswordOnce_AndPutsEachErrorBesideItsField()
    {
        using var admin = await PageSignInTests.SignedInBrowserAsync(Host, "admin", IdentitySeeding.DemoPassword);

        using var list = await admin.GetAsync("/admin/users?filterDepartment=SAMR");
        using var refused = await PostFormAsync(admin, "/admin/users", "Create",
            ("userName", "\u0430dmin"), ("displayName", "冒名"), ("role", "supervisor"), ("department", ""), ("password", "short"));
        using var created = await PostFormAsync(admin, "/admin/users", "Create",
            ("userName", "reg-clerk-2"), ("displayName", "赵六"), ("role", "clerk"), ("department", "REG"), ("password", ""));
        var page = await HtmlAsync(created);
        var password = System.Text.RegularExpressions.Regex.Match(page, "<code id=\"initial-password\">([^<]+)</code>").Groups[1].Value;
        using var signIn = await PageSignInTests.PostLoginAsync(PageSignInTests.Browser(Host), "reg-clerk-2", password);
        using var again = await admin.GetAsync("/admin/users");

        var listed = await HtmlAsync(list);
        Assert.Contains("samr-supervisor", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("zhangsan", listed, StringComparison.Ordinal);
        Assert.Contains("部门负责人", listed, StringComparison.Ordinal);
        var errors = await HtmlAsync(refused);
        Assert.Matches("<span id=\"userName-error\" class=\"field-error\">用户名只能用小写英文字母[^<]*U\\+0430", errors);
        Assert.Contains("<span id=\"department-error\" class=\"field-error\">窗口人员和部门负责人须属于一个部门", errors, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#password\">", errors, StringComparison.Ordinal);
        Assert.Equal(0, await Host.ScalarAsync("SELECT COUNT(*) FROM users WHERE name = '冒名'"));
        Assert.Equal(16, password.Length);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.DoesNotContain(password, await HtmlAsync(again), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserPage_Disabling_EndsTheirPageSession_AndShowsTheChangeInTheAudit()
    {
        using var admin = await PageSignInTests.SignedInBrowserAsync(Host, "admin", IdentitySeeding.DemoPassword);
        using (await PostFormAsync(admin, "/admin/users", "Create",
            ("userName", "bank-clerk-2"), ("displayName", "钱七"), ("role", "clerk"), ("department", "BANK"), ("password", Password)))
        {
        }

        using var clerk = await PageSignInTests.SignedInBrowserAsync(Host, "bank-clerk-2", Password);
        using var before = await clerk.GetAsync("/desk");
        using var disabled = await PostFormAsync(admin, "/admin/users/bank-clerk-2", "Disable");
        using var after = await clerk.GetAsync("/desk");
        using var signIn = await PageSignInTests.PostLoginAsync(PageSignInTests.Browser(Host), "bank-clerk-2", Password);
        using var withoutToken = await admin.PostAsync("/admin/users/bank-clerk-2?handler=Enable", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        var page = await HtmlAsync(disabled);
        Assert.Contains("已停用，该用户的登录和令牌均已失效。", page, StringComparison.Ordinal);
        Assert.Contains("<td data-action=\"disabled\">停用</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td data-action=\"created\">创建</td>", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/account/login", new Uri(Host.Address, after.Headers.Location!).AbsolutePath);
        Assert.Contains("此账户已被管理员停用", await HtmlAsync(signIn), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Equal(1, await Host.ScalarAsync("SELECT COUNT(*) FROM users WHERE id = 'bank-clerk-2' AND disabled_at IS NOT NULL"));
    }

    [Fact]
    public async Task DepartmentsPage_EditsAName_AndSaysWhyNoneIsAddedHere()
    {
        using var admin = await PageSignInTests.SignedInBrowserAsync(Host, "admin", IdentitySeeding.DemoPassword);

        using var blank = await PostFormAsync(admin, "/admin/departments", "Edit", ("code", "CAD"), ("nameZh", ""), ("nameEn", "Civil Air Defence"));
        using var saved = await PostFormAsync(admin, "/admin/departments", "Edit", ("code", "CAD"), ("nameZh", "人防办"), ("nameEn", "Civil Air Defence Office"), ("description", ""));

        Assert.Contains("<span id=\"nameZh-CAD-error\" class=\"field-error\">此项必填</span>", await HtmlAsync(blank), StringComparison.Ordinal);
        var page = await HtmlAsync(saved);
        Assert.Contains("已保存部门 CAD 的名称。", page, StringComparison.Ordinal);
        Assert.Contains("<td>人防办</td>", page, StringComparison.Ordinal);
        Assert.Contains("Definitions/departments.yaml", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/admin/users")]
    [InlineData("/admin/users/admin")]
    [InlineData("/admin/departments")]
    public async Task ThePages_ForAClerk_AreDenied(string page)
    {
        using var clerk = await PageSignInTests.SignedInBrowserAsync(Host, "gsc-clerk", IdentitySeeding.DemoPassword);

        using var response = await clerk.GetAsync(page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/denied", new Uri(Host.Address, response.Headers.Location!).AbsolutePath);
    }
}
