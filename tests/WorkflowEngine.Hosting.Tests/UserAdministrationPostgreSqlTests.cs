using System.Net;
using System.Net.Http.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// The user and department administration on PostgreSQL: its migration, the one-statement guard that keeps an enabled
/// administrator, the stamp renewed with a change, and the audit written in the change's transaction.
/// </summary>
[Trait("Category", "Integration")]
public sealed class UserAdministrationPostgreSqlTests
{
    private const string Password = "a long enough password 2026";

    [PostgresFact]
    public async Task OnPostgreSql_UsersAreCreatedChangedAndDisabled_TheLastAdministratorStays_AndEveryChangeIsAudited()
    {
        await using var databases = new PostgresDatabases();
        var connectionString = await databases.CreateAsync("users");
        await using var host = await AllInOneHost.StartAsync(extraArgs: ["--Database:Provider=postgresql", $"--Database:ConnectionString={connectionString}"]);
        using var admin = host.Client("admin");

        using var created = await admin.PostAsJsonAsync("/api/admin/users", new { userName = "pg-clerk", displayName = "孙八", role = "clerk", department = "SAMR", password = Password });
        using var token = await TokenSignInTests.SignedInAsync(host, "pg-clerk", Password);
        using var changed = await admin.PatchAsJsonAsync("/api/admin/users/pg-clerk", new { role = "supervisor", department = "SAMR" });
        using var oldToken = await token.GetAsync("/api/departments/SAMR/tasks");
        using var disabled = await admin.PostAsync("/api/admin/users/pg-clerk/disable", null);
        using var lastAdmin = await admin.PatchAsJsonAsync("/api/admin/users/admin", new { role = "applicant" });
        using var departments = await admin.GetAsync("/api/admin/departments");
        using var edited = await admin.PatchAsJsonAsync("/api/admin/departments/SAMR", new { nameZh = "市场监管局" });
        var detail = await ProblemAssert.JsonAsync(await admin.GetAsync("/api/admin/users/pg-clerk"), HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        await ProblemAssert.IsAsync(oldToken, HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.Contains("最后一位在用的管理员", (await ProblemAssert.IsAsync(lastAdmin, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("\"supervisors\":", await departments.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal(["disabled", "changed", "created"], detail.GetProperty("audit").EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        Assert.True(detail.GetProperty("user").GetProperty("lastSignInAt").ValueKind == System.Text.Json.JsonValueKind.String);
        Assert.Equal(1, await PostgresDatabases.ScalarAsync(connectionString, "SELECT COUNT(*) FROM admin_audit WHERE target_kind = 'department'"));
    }
}
