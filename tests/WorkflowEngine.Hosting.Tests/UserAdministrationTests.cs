using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Runtime.Users;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// Administrators manage users and departments through <c>/api/admin/users</c> and <c>/api/admin/departments</c>: only
/// they may, under the same rules as the pages, and every change is audited. Each test uses users of its own.
/// </summary>
[Trait("Category", "Integration")]
public sealed class UserAdministrationTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string Password = "a long enough password 2026";

    private AllInOneHost Host => fixture.Host;

    private static async Task<JsonElement> CreateAsync(HttpClient admin, string userName, string role, string? department = null, string? password = Password)
    {
        using var response = await admin.PostAsJsonAsync("/api/admin/users", new { userName, displayName = "测试 " + userName, role, department, password });
        return await ProblemAssert.JsonAsync(response, HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("samr-clerk")]
    [InlineData("samr-supervisor")]
    [InlineData("zhangsan")]
    public async Task UsersAndDepartments_ForAnyoneButAnAdministrator_Are403(string who)
    {
        using var client = await TokenSignInTests.SignedInAsync(Host, who);

        using var list = await client.GetAsync("/api/admin/users");
        using var create = await client.PostAsJsonAsync("/api/admin/users", new { userName = "sneaky", displayName = "x", role = "admin", password = Password });
        using var disable = await client.PostAsync("/api/admin/users/admin/disable", null);
        using var departments = await client.GetAsync("/api/admin/departments");

        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        await ProblemAssert.IsAsync(create, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Forbidden, disable.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, departments.StatusCode);
        Assert.Equal(0, await Host.ScalarAsync("SELECT COUNT(*) FROM users WHERE id = 'sneaky'"));
    }

    [Theory]
    [InlineData("long", "userName")]
    [InlineData("ad\u0000min", "userName")]
    [InlineData("\u202Enimda", "userName")]
    [InlineData("\u0430dmin", "userName")] // Cyrillic а
    [InlineData("ａｄｍｉｎ", "userName")] // full-width
    [InlineData("Admin", "userName")]
    [InlineData("oidc:someone", "userName")]
    [InlineData("a", "userName")]
    public async Task CreateUser_WithAHostileOrMalformedUserName_Is400NamingTheField(string userName, string field)
    {
        userName = userName == "long" ? new string('u', 10_000) : userName;
        using var admin = Host.Client("admin");

        using var response = await admin.PostAsJsonAsync("/api/admin/users", new { userName, displayName = "某人", role = "applicant", password = Password });

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest);
        Assert.NotEmpty(ProblemAssert.FieldError(problem, field));
        Assert.Equal(0, await Host.ScalarAsync("SELECT COUNT(*) FROM admin_audit WHERE action = 'created' AND target_id = @Id", new { Id = userName }));
    }

    [Fact]
    public async Task CreateUser_WithEveryOtherFieldWrong_SaysWhatIsWrongWithEach()
    {
        using var admin = Host.Client("admin");

        using var noDepartment = await admin.PostAsJsonAsync("/api/admin/users", new { userName = "new-clerk-a", displayName = "王\u200B五", role = "clerk", password = "short" });
        using var unknownDepartment = await admin.PostAsJsonAsync("/api/admin/users", new { userName = "new-clerk-b", displayName = "王五", role = "clerk", department = "NOPE" });
        using var badRole = await admin.PostAsJsonAsync("/api/admin/users", new { userName = "new-clerk-c", displayName = new string('名', 65), role = "root" });

        var first = await ProblemAssert.IsAsync(noDepartment, HttpStatusCode.BadRequest);
        Assert.Contains("请选择部门", ProblemAssert.FieldError(first, "department"), StringComparison.Ordinal);
        Assert.Contains("U+200B", ProblemAssert.FieldError(first, "displayName"), StringComparison.Ordinal);
        Assert.Contains("12", ProblemAssert.FieldError(first, "password"), StringComparison.Ordinal);
        Assert.Contains("NOPE", ProblemAssert.FieldError(await ProblemAssert.IsAsync(unknownDepartment, HttpStatusCode.BadRequest), "department"), StringComparison.Ordinal);
        var third = await ProblemAssert.IsAsync(badRole, HttpStatusCode.BadRequest);
        Assert.Contains("applicant", ProblemAssert.FieldError(third, "role"), StringComparison.Ordinal);
        Assert.Contains("64", ProblemAssert.FieldError(third, "displayName"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateUser_WithoutAPassword_GetsOneMadeUpOnce_ThatSignsIn_AndTheCreationIsAudited()
    {
        using var admin = Host.Client("admin");

        var created = await CreateAsync(admin, "tax-clerk-new", "clerk", "TAX", password: null);
        var password = created.GetProperty("password").GetString()!;
        using var asClerk = await TokenSignInTests.SignedInAsync(Host, "tax-clerk-new", password);
        using var queue = await asClerk.GetAsync("/api/departments/TAX/tasks");
        using var again = await admin.PostAsJsonAsync("/api/admin/users", new { userName = "tax-clerk-new", displayName = "另一人", role = "applicant", password = Password });
        var detail = await ProblemAssert.JsonAsync(await admin.GetAsync("/api/admin/users/tax-clerk-new"), HttpStatusCode.OK);

        Assert.Equal(16, password.Length);
        Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
        Assert.Contains("已被使用", (await ProblemAssert.IsAsync(again, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var user = detail.GetProperty("user");
        Assert.Equal(("clerk", "TAX", true), (user.GetProperty("role").GetString(), user.GetProperty("department").GetString(), user.GetProperty("hasPassword").GetBoolean()));
        Assert.Equal(Host.Clock.GetUtcNow(), user.GetProperty("lastSignInAt").GetDateTimeOffset());
        var audit = Assert.Single(detail.GetProperty("audit").EnumerateArray());
        Assert.Equal(("admin", "created"), (audit.GetProperty("actor").GetString(), audit.GetProperty("action").GetString()));
        Assert.Equal(0, await Host.ScalarAsync("SELECT COUNT(*) FROM admin_audit WHERE detail LIKE @P", new { P = "%" + password + "%" }));
    }

    [Fact]
    public async Task DisabledUser_CannotSignIn_AndTheirExistingTokenStopsWorking_UntilEnabled()
    {
        using var admin = Host.Client("admin");
        await CreateAsync(admin, "psb-clerk-leaving", "clerk", "PSB");
        using var before = await TokenSignInTests.SignedInAsync(Host, "psb-clerk-leaving", Password);

        var disabled = await ProblemAssert.JsonAsync(await admin.PostAsync("/api/admin/users/psb-clerk-leaving/disable", null), HttpStatusCode.OK);
        using var oldToken = await before.GetAsync("/api/departments/PSB/tasks");
        using var signIn = await TokenSignInTests.RequestTokenAsync(Host, "psb-clerk-leaving", Password);
        using var wrongPassword = await TokenSignInTests.RequestTokenAsync(Host, "psb-clerk-leaving", "not the password at all");
        using var demoHeader = await Host.Client("psb-clerk-leaving").GetAsync("/api/departments/PSB/tasks");
        await ProblemAssert.JsonAsync(await admin.PostAsync("/api/admin/users/psb-clerk-leaving/enable", null), HttpStatusCode.OK);
        using var after = await TokenSignInTests.SignedInAsync(Host, "psb-clerk-leaving", Password);
        using var newToken = await after.GetAsync("/api/departments/PSB/tasks");

        Assert.True(disabled.GetProperty("user").GetProperty("disabled").GetBoolean());
        await ProblemAssert.IsAsync(oldToken, HttpStatusCode.Unauthorized);
        Assert.Equal("此账户已被管理员停用，不能登录；如有疑问请联系管理员", (await ProblemAssert.IsAsync(signIn, HttpStatusCode.Forbidden)).GetProperty("detail").GetString());
        await ProblemAssert.IsAsync(wrongPassword, HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Unauthorized, demoHeader.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newToken.StatusCode);
        Assert.Equal(
            ["enabled", "disabled", "created"],
            (await Host.Services.GetRequiredService<IAdminAudit>().ListAsync(AdminAuditEntry.User, "psb-clerk-leaving", 10, CancellationToken.None)).Select(e => e.Action));
        Assert.Equal(1, await Host.ScalarAsync("SELECT COUNT(*) FROM sign_in_events WHERE user_id = 'psb-clerk-leaving' AND kind = 'refused-disabled'"));
    }

    [Fact]
    public async Task ChangingTheRole_EndsTheOldToken_AndTheNewRoleApplies()
    {
        using var admin = Host.Client("admin");
        await CreateAsync(admin, "hsa-promoted", "clerk", "HSA");
        using var before = await TokenSignInTests.SignedInAsync(Host, "hsa-promoted", Password);

        using var changed = await admin.PatchAsJsonAsync("/api/admin/users/hsa-promoted", new { role = "supervisor", department = "HSA" });
        using var oldToken = await before.GetAsync("/api/departments/HSA/tasks");
        using var after = await TokenSignInTests.SignedInAsync(Host, "hsa-promoted", Password);
        using var extensions = await after.GetAsync("/api/departments/HSA/extensions");
        using var toNowhere = await admin.PatchAsJsonAsync("/api/admin/users/hsa-promoted", new { role = "clerk" });

        Assert.Equal("supervisor", (await ProblemAssert.JsonAsync(changed, HttpStatusCode.OK)).GetProperty("user").GetProperty("role").GetString());
        await ProblemAssert.IsAsync(oldToken, HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, extensions.StatusCode);
        Assert.NotEmpty(ProblemAssert.FieldError(await ProblemAssert.IsAsync(toNowhere, HttpStatusCode.BadRequest), "department"));
        Assert.Equal(1, await Host.ScalarAsync("SELECT COUNT(*) FROM admin_audit WHERE target_id = 'hsa-promoted' AND action = 'changed' AND actor = 'admin' AND detail LIKE '%clerk→supervisor%'"));
    }

    [Fact]
    public async Task AnAdministrator_CannotDisableOrDemoteThemselves_ButAnotherMay()
    {
        using var admin = Host.Client("admin");
        await CreateAsync(admin, "second-admin", "admin");
        using var second = await TokenSignInTests.SignedInAsync(Host, "second-admin", Password);

        using var disableSelf = await second.PostAsync("/api/admin/users/second-admin/disable", null);
        using var demoteSelf = await second.PatchAsJsonAsync("/api/admin/users/second-admin", new { role = "applicant" });
        using var byAnother = await admin.PatchAsJsonAsync("/api/admin/users/second-admin", new { role = "applicant" });

        Assert.Contains("不能停用自己", (await ProblemAssert.IsAsync(disableSelf, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("不能取消自己", (await ProblemAssert.IsAsync(demoteSelf, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("applicant", (await ProblemAssert.JsonAsync(byAnother, HttpStatusCode.OK)).GetProperty("user").GetProperty("role").GetString());
    }

    [Fact]
    public async Task TheLastAdministrator_CannotBeDisabledOrDemoted()
    {
        await using var host = await AllInOneHost.StartAsync();
        using var admin = host.Client("admin");

        using var disable = await admin.PostAsync("/api/admin/users/admin/disable", null);
        using var demote = await admin.PatchAsJsonAsync("/api/admin/users/admin", new { role = "clerk", department = "SAMR" });

        Assert.Contains("最后一位在用的管理员", (await ProblemAssert.IsAsync(disable, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("最后一位在用的管理员", (await ProblemAssert.IsAsync(demote, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await host.ScalarAsync("SELECT COUNT(*) FROM users WHERE id = 'admin' AND role = 'admin' AND disabled_at IS NULL"));
        // Refused changes leave no line (the definitions the host published at start have theirs, as actor system).
        Assert.Equal(0, await host.ScalarAsync("SELECT COUNT(*) FROM admin_audit WHERE target_kind = 'user'"));
    }

    [Fact]
    public async Task APlatformUser_GetsNoLocalPassword_NorARoleFromHere()
    {
        await Host.Services.GetRequiredService<IDirectoryStore>().UpsertUsersAsync([new UserRecord("oidc:abc123", "平台用户", Roles.Applicant, null)], CancellationToken.None);
        using var admin = Host.Client("admin");

        using var password = await admin.PostAsJsonAsync("/api/admin/users/oidc:abc123/password", new { password = Password });
        using var role = await admin.PatchAsJsonAsync("/api/admin/users/oidc:abc123", new { role = "admin" });
        using var disable = await admin.PostAsync("/api/admin/users/oidc:abc123/disable", null);

        Assert.Contains("不能设置本系统的密码", (await ProblemAssert.IsAsync(password, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("以平台为准", (await ProblemAssert.IsAsync(role, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True((await ProblemAssert.JsonAsync(disable, HttpStatusCode.OK)).GetProperty("user").GetProperty("identityPlatform").GetBoolean());
        Assert.Equal(0, await Host.ScalarAsync("SELECT COUNT(*) FROM user_credentials WHERE user_id = 'oidc:abc123'"));
    }

    [Fact]
    public async Task ResetPassword_EndsTheOldToken_AndUnlock_EndsALockout()
    {
        using var admin = Host.Client("admin");
        await CreateAsync(admin, "hpf-forgetful", "clerk", "HPF");
        using var before = await TokenSignInTests.SignedInAsync(Host, "hpf-forgetful", Password);
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await TokenSignInTests.RequestTokenAsync(Host, "hpf-forgetful", "wrong password " + i);
        }

        var locked = await ProblemAssert.JsonAsync(await admin.GetAsync("/api/admin/users/hpf-forgetful"), HttpStatusCode.OK);
        await ProblemAssert.JsonAsync(await admin.PostAsync("/api/admin/users/hpf-forgetful/unlock", null), HttpStatusCode.OK);
        using var unlocked = await TokenSignInTests.RequestTokenAsync(Host, "hpf-forgetful", Password);
        var reset = await ProblemAssert.JsonAsync(await admin.PostAsJsonAsync("/api/admin/users/hpf-forgetful/password", new { }), HttpStatusCode.OK);
        using var oldToken = await before.GetAsync("/api/departments/HPF/tasks");
        using var oldPassword = await TokenSignInTests.RequestTokenAsync(Host, "hpf-forgetful", Password);
        using var newPassword = await TokenSignInTests.RequestTokenAsync(Host, "hpf-forgetful", reset.GetProperty("password").GetString()!);

        Assert.NotEqual(JsonValueKind.Null, locked.GetProperty("user").GetProperty("lockedUntil").ValueKind);
        Assert.Equal(HttpStatusCode.OK, unlocked.StatusCode);
        await ProblemAssert.IsAsync(oldToken, HttpStatusCode.Unauthorized);
        await ProblemAssert.IsAsync(oldPassword, HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, newPassword.StatusCode);
        Assert.Equal(
            ["password-reset", "unlocked", "created"],
            (await Host.Services.GetRequiredService<IAdminAudit>().ListAsync(AdminAuditEntry.User, "hpf-forgetful", 10, CancellationToken.None)).Select(e => e.Action));
    }

    [Fact]
    public async Task Departments_ListTheirPeopleAndOpenTasks_AndAnEditedNameShowsEverywhere()
    {
        using var admin = Host.Client("admin");

        var list = await ProblemAssert.JsonAsync(await admin.GetAsync("/api/admin/departments"), HttpStatusCode.OK);
        using var empty = await admin.PatchAsJsonAsync("/api/admin/departments/ARCH", new { nameZh = " ", nameEn = "x\u202E" });
        using var unknown = await admin.PatchAsJsonAsync("/api/admin/departments/NOPE", new { nameZh = "无" });
        var edited = await ProblemAssert.JsonAsync(
            await admin.PatchAsJsonAsync("/api/admin/departments/ARCH", new { nameZh = "市档案馆（新）", nameEn = "City Archives", description = "馆藏\n档案" }), HttpStatusCode.OK);
        var departments = await ProblemAssert.JsonAsync(await admin.GetAsync("/api/departments"), HttpStatusCode.OK);

        var samr = list.EnumerateArray().Single(d => d.GetProperty("code").GetString() == "SAMR");
        Assert.True(samr.GetProperty("clerks").GetInt32() >= 2);
        Assert.Equal(1, samr.GetProperty("supervisors").GetInt32());
        Assert.Equal(JsonValueKind.Number, samr.GetProperty("openTasks").ValueKind);
        var invalid = await ProblemAssert.IsAsync(empty, HttpStatusCode.BadRequest);
        Assert.NotEmpty(ProblemAssert.FieldError(invalid, "nameZh"));
        Assert.Contains("U+202E", ProblemAssert.FieldError(invalid, "nameEn"), StringComparison.Ordinal);
        await ProblemAssert.IsAsync(unknown, HttpStatusCode.NotFound);
        Assert.Equal(("市档案馆（新）", "admin"), (edited.GetProperty("nameZh").GetString(), edited.GetProperty("editedBy").GetString()));
        Assert.Contains(departments.EnumerateArray(), d => d.ToString().Contains("市档案馆（新）", StringComparison.Ordinal));
        Assert.Equal(1, await Host.ScalarAsync("SELECT COUNT(*) FROM admin_audit WHERE target_kind = 'department' AND target_id = 'ARCH' AND actor = 'admin'"));
    }

    /// <summary>At start the host renames a department an administrator edited before: the file's name does not come back.</summary>
    [Fact]
    public async Task AnEditedDepartmentName_StandsOverTheFile_AfterARestart()
    {
        var directory = Directory.CreateTempSubdirectory("workflow-rename-");
        try
        {
            await using (var host = await AllInOneHost.StartInAsync(directory))
            {
                using var admin = host.Client("admin");
                using var edited = await admin.PatchAsJsonAsync("/api/admin/departments/CAD", new { nameZh = "人防办（重启前）", nameEn = "Civil Air Defence Office" });
                edited.EnsureSuccessStatusCode();
            }

            await using (var host = await AllInOneHost.StartInAsync(directory))
            {
                var cad = (await host.GetJsonAsync("zhangsan", "/api/departments")).EnumerateArray().Single(d => d.GetProperty("code").GetString() == "CAD");
                Assert.Equal(("人防办（重启前）", "Civil Air Defence Office"), (cad.GetProperty("name").GetString(), cad.GetProperty("nameEn").GetString()));
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
