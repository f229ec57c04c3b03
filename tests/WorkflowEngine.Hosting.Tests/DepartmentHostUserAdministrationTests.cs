using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Hosting.Startup;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// A department host's administrators manage its own people (its database) with the engine's user administration, pages
/// and API: clerks, supervisors and administrators of the departments it serves only, every change in its own
/// <c>admin_audit</c>; its clerks and supervisors are refused. Each test uses users of its own.
/// </summary>
[Trait("Category", "Integration")]
public sealed class DepartmentHostUserAdministrationTests(DepartmentHostFixture fixture) : IClassFixture<DepartmentHostFixture>
{
    private const string Password = "a long enough password 2026";

    private AllInOneHost Host => fixture.Host;

    private static async Task<string> HtmlAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    [Fact]
    public async Task AnAdministratorThere_CreatesAClerkOfAServedDepartment_WhoSignsInAndSeesTheQueue_AndTheChangeIsAuditedThere()
    {
        using var admin = await TokenSignInTests.SignedInAsync(Host, "admin");

        using var create = await admin.PostAsJsonAsync("/api/admin/users", new { userName = "samr-clerk-new", displayName = "新窗口", role = "clerk", department = "SAMR" });
        var password = (await ProblemAssert.JsonAsync(create, HttpStatusCode.Created)).GetProperty("password").GetString()!;
        using var clerk = await PageSignInTests.SignedInBrowserAsync(Host, "samr-clerk-new", password);
        using var desk = await clerk.GetAsync("/desk");
        using var clerkApi = await TokenSignInTests.SignedInAsync(Host, "samr-clerk-new", password);
        using var queue = await clerkApi.GetAsync("/api/departments/SAMR/tasks");
        var changes = await ProblemAssert.JsonAsync(await admin.GetAsync("/api/admin/changes?kind=user"), HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.OK, desk.StatusCode);
        Assert.Contains("办件队列 · 市场监督管理局", await HtmlAsync(desk), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
        var created = Assert.Single(changes.EnumerateArray(), c => c.GetProperty("targetId").GetString() == "samr-clerk-new");
        Assert.Equal(("admin", "created"), (created.GetProperty("actor").GetString(), created.GetProperty("action").GetString()));
        Assert.Equal(1, await Host.ScalarAsync("SELECT COUNT(*) FROM admin_audit WHERE action = 'created' AND target_id = 'samr-clerk-new'"));
    }

    /// <summary>
    /// Its user administration counts and edits the departments of its own database (read from its own files), through
    /// the users' directory store, not the engine's: a rename there shows in its directory and is audited there.
    /// </summary>
    [Fact]
    public async Task ItsUserAdministration_WorksOnItsOwnDepartments_ThroughTheDirectoryStore()
    {
        using var admin = await TokenSignInTests.SignedInAsync(Host, "admin");
        using var create = await admin.PostAsJsonAsync("/api/admin/users", new { userName = "psb-clerk-counted", displayName = "户籍窗口", role = "clerk", department = "PSB" });
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var entries = Host.Services.GetRequiredService<WorkflowEngine.Runtime.Users.IDepartmentEntries>();
        var administration = Host.Services.GetRequiredService<UserAdministration>();
        var directory = Host.Services.GetRequiredService<WorkflowEngine.Runtime.Users.IDepartmentDirectory>();

        var listed = await entries.ListAsync(CancellationToken.None);
        var edit = await administration.EditDepartmentAsync("admin", "PSB", new DepartmentEdit("公安局户政窗口", "PSB household desk", null), false, CancellationToken.None);

        Assert.Equal("WorkflowEngine.Identity.Storage", entries.GetType().Assembly.GetName().Name);
        var psb = Assert.Single(listed, e => e.Department.Code == "PSB");
        Assert.True(psb.Clerks >= 1, $"{psb.Clerks} clerks of PSB counted");
        Assert.Equal(AdminOutcomeStatus.Done, edit.Status);
        Assert.Equal("公安局户政窗口", directory.Departments["PSB"].NameZh);
        Assert.Contains(await entries.EditedAsync(CancellationToken.None), d => d is { Code: "PSB", NameEn: "PSB household desk" });
        Assert.Equal(1, await Host.ScalarAsync("SELECT COUNT(*) FROM admin_audit WHERE target_id = 'PSB'"));
    }

    [Fact]
    public async Task AUserOfADepartmentItDoesNotServe_OrAnApplicant_IsRefused_SayingWhichItServes()
    {
        using var admin = Host.Client("admin");

        using var otherDepartment = await admin.PostAsJsonAsync("/api/admin/users", new { userName = "tax-clerk-here", displayName = "税务", role = "clerk", department = "TAX", password = Password });
        using var applicant = await admin.PostAsJsonAsync("/api/admin/users", new { userName = "applicant-here", displayName = "申请人", role = "applicant", password = Password });
        using var supervisor = await admin.PostAsJsonAsync("/api/admin/users", new { userName = "psb-supervisor-new", displayName = "新科长", role = "supervisor", department = "PSB", password = Password });
        using var moved = await admin.PatchAsJsonAsync("/api/admin/users/psb-supervisor-new", new { role = "clerk", department = "TAX" });

        var department = ProblemAssert.FieldError(await ProblemAssert.IsAsync(otherDepartment, HttpStatusCode.BadRequest), "department");
        Assert.Equal("本主机只办理 SAMR、PSB 的业务，不能为“TAX”创建或调整人员：请到办理该部门的主机上操作", department);
        var role = ProblemAssert.FieldError(await ProblemAssert.IsAsync(applicant, HttpStatusCode.BadRequest), "role");
        Assert.Equal("角色应为 clerk、supervisor、admin 之一", role);
        await ProblemAssert.JsonAsync(supervisor, HttpStatusCode.Created);
        Assert.Contains("TAX", ProblemAssert.FieldError(await ProblemAssert.IsAsync(moved, HttpStatusCode.BadRequest), "department"), StringComparison.Ordinal);
        Assert.Equal(0, await Host.ScalarAsync("SELECT COUNT(*) FROM users WHERE id IN ('tax-clerk-here', 'applicant-here')"));
        Assert.Equal(1, await Host.ScalarAsync("SELECT COUNT(*) FROM users WHERE id = 'psb-supervisor-new' AND role = 'supervisor' AND department = 'PSB'"));
    }

    [Fact]
    public async Task DisablingAClerk_RefusesTheirNextSignIn_AndEndsTheTokenTheyHave()
    {
        using var admin = await TokenSignInTests.SignedInAsync(Host, "admin");
        using (var create = await admin.PostAsJsonAsync("/api/admin/users", new { userName = "psb-clerk-leaving", displayName = "将离职", role = "clerk", department = "PSB", password = Password }))
        {
            await ProblemAssert.JsonAsync(create, HttpStatusCode.Created);
        }

        using var before = await TokenSignInTests.SignedInAsync(Host, "psb-clerk-leaving", Password);
        await ProblemAssert.JsonAsync(await admin.PostAsync("/api/admin/users/psb-clerk-leaving/disable", null), HttpStatusCode.OK);
        using var oldToken = await before.GetAsync("/api/departments/PSB/tasks");
        using var signIn = await TokenSignInTests.RequestTokenAsync(Host, "psb-clerk-leaving", Password);
        using var page = await PageSignInTests.PostLoginAsync(PageSignInTests.Browser(Host), "psb-clerk-leaving", Password);

        await ProblemAssert.IsAsync(oldToken, HttpStatusCode.Unauthorized);
        Assert.Equal("此账户已被管理员停用，不能登录；如有疑问请联系管理员", (await ProblemAssert.IsAsync(signIn, HttpStatusCode.Forbidden)).GetProperty("detail").GetString());
        Assert.NotEqual(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("已被管理员停用", await HtmlAsync(page), StringComparison.Ordinal);
        Assert.Equal(1, await Host.ScalarAsync("SELECT COUNT(*) FROM admin_audit WHERE action = 'disabled' AND target_id = 'psb-clerk-leaving' AND actor = 'admin'"));
    }

    [Theory]
    [InlineData("samr-clerk")]
    [InlineData("samr-supervisor")]
    public async Task ItsClerksAndSupervisors_CannotReachTheUserAdministration(string who)
    {
        using var api = await TokenSignInTests.SignedInAsync(Host, who);
        using var browser = await PageSignInTests.SignedInBrowserAsync(Host, who, IdentitySeeding.DemoPassword);

        using var list = await api.GetAsync("/api/admin/users");
        using var create = await api.PostAsJsonAsync("/api/admin/users", new { userName = "sneaky-" + who, displayName = "x", role = "clerk", department = "SAMR", password = Password });
        using var changes = await api.GetAsync("/api/admin/changes");
        using var page = await browser.GetAsync("/admin/users");
        using var desk = await browser.GetAsync("/desk");

        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        await ProblemAssert.IsAsync(create, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Forbidden, changes.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/account/denied", new Uri(Host.Address, page.Headers.Location!).AbsolutePath);
        Assert.DoesNotContain("href=\"/admin/users\"", await HtmlAsync(desk), StringComparison.Ordinal);
        Assert.Equal(0, await Host.ScalarAsync("SELECT COUNT(*) FROM users WHERE id = @Id", new { Id = "sneaky-" + who }));
    }

    [Fact]
    public async Task ThePages_OfferTheServedDepartmentsAndItsRolesOnly_AndCreateThere_WithoutTheRestOfTheConsole()
    {
        using var admin = await PageSignInTests.SignedInBrowserAsync(Host, "admin", IdentitySeeding.DemoPassword);

        using var users = await admin.GetAsync("/admin/users");
        var token = await PageSignInTests.AntiforgeryTokenAsync(admin, "/admin/users");
        using var created = await admin.PostAsync("/admin/users?handler=Create", new FormUrlEncodedContent(
            [new("userName", "samr-supervisor-2"), new("displayName", "副科长"), new("role", "supervisor"), new("department", "SAMR"), new("password", ""), new("__RequestVerificationToken", token)]));
        using var user = await admin.GetAsync("/admin/users/samr-supervisor-2");
        using var changes = await admin.GetAsync("/admin/changes");
        using var console = await admin.GetAsync("/admin");
        using var departments = await admin.GetAsync("/admin/departments");
        using var definitions = await admin.GetAsync("/admin/definitions");

        var list = await HtmlAsync(users);
        var form = list[list.IndexOf("id=\"create\"", StringComparison.Ordinal)..];
        Assert.Equal(["", "PSB", "SAMR"], Regex.Matches(form[form.IndexOf("id=\"department\"", StringComparison.Ordinal)..], "<option value=\"([^\"]*)\"").Select(m => m.Groups[1].Value).Take(3));
        Assert.Equal(["clerk", "supervisor", "admin"], Regex.Matches(form[form.IndexOf("id=\"role\"", StringComparison.Ordinal)..form.IndexOf("id=\"department\"", StringComparison.Ordinal)], "<option value=\"([^\"]*)\"").Select(m => m.Groups[1].Value));
        Assert.Contains("href=\"/admin/changes\"", list, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/admin\"", list, StringComparison.Ordinal);
        Assert.Matches("<code id=\"initial-password\">[^<]{16}</code>", await HtmlAsync(created));
        Assert.Contains("市场监督管理局（SAMR）", await HtmlAsync(user), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, changes.StatusCode);
        Assert.Contains("samr-supervisor-2", await HtmlAsync(changes), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound), (console.StatusCode, departments.StatusCode, definitions.StatusCode));
    }

    [Fact]
    public async Task OutsideDevelopment_SetPassword_MakesItsFirstAdministrator_WhoCreatesItsClerks()
    {
        await using var host = await AllInOneHost.StartDepartmentHostAsync("--environment=Production", "--Departments:Codes=SAMR");
        using var output = new StringWriter();

        var set = await PasswordCommand.RunAsync(host.Services, "counter-admin", new StringReader("operator password 2026"), output);
        using var demo = await TokenSignInTests.RequestTokenAsync(host, "admin", IdentitySeeding.DemoPassword);
        using var admin = await TokenSignInTests.SignedInAsync(host, "counter-admin", "operator password 2026");
        using var create = await admin.PostAsJsonAsync("/api/admin/users", new { userName = "samr-first-clerk", displayName = "第一位窗口", role = "clerk", department = "SAMR", password = Password });
        using var clerk = await TokenSignInTests.SignedInAsync(host, "samr-first-clerk", Password);
        using var queue = await clerk.GetAsync("/api/departments/SAMR/tasks");

        Assert.Equal(0, set);
        await ProblemAssert.IsAsync(demo, HttpStatusCode.Unauthorized);
        await ProblemAssert.JsonAsync(create, HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
        Assert.Equal(1, await host.ScalarAsync("SELECT COUNT(*) FROM admin_audit WHERE actor = 'counter-admin' AND target_id = 'samr-first-clerk'"));
    }
}
