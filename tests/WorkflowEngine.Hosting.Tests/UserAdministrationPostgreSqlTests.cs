using System.Net;
using System.Net.Http.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// The user and department administration on PostgreSQL: its migration, the locked guard that keeps an enabled
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

    /// <summary>
    /// Two administrators demote each other at the same moment. Each one's guard looks for another enabled
    /// administrator, and on PostgreSQL each statement sees the database as it was when it began: without a lock both saw
    /// the other still an administrator, both went through, and no administrator was left. One of them must be refused.
    /// </summary>
    [PostgresFact]
    public async Task OnPostgreSql_TwoAdministratorsDemotingEachOtherAtOnce_LeaveOneAdministrator()
    {
        await using var databases = new PostgresDatabases();
        var connectionString = await databases.CreateAsync("admins");
        await using var host = await AllInOneHost.StartAsync(extraArgs: ["--Database:Provider=postgresql", $"--Database:ConnectionString={connectionString}"]);
        using var admin = host.Client("admin");
        (await admin.PostAsJsonAsync("/api/admin/users", new { userName = "pg-admin-2", displayName = "周九", role = "admin", password = Password })).EnsureSuccessStatusCode();
        const string Admins = "SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled_at IS NULL";

        for (var round = 0; round < 10; round++)
        {
            using var second = await TokenSignInTests.SignedInAsync(host, "pg-admin-2", Password);
            var outcomes = await Task.WhenAll(
                admin.PatchAsJsonAsync("/api/admin/users/pg-admin-2", new { role = "clerk", department = "SAMR" }),
                second.PatchAsJsonAsync("/api/admin/users/admin", new { role = "applicant" }));

            Assert.Equal(1, await PostgresDatabases.ScalarAsync(connectionString, Admins));
            Assert.Single(outcomes, o => o.StatusCode == HttpStatusCode.OK);
            // The other is refused: by the guard (409), or, when the winner went first, because the loser is no longer
            // an administrator (403, the demo header) or their token ended with their role (401).
            Assert.Single(outcomes, o => o.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized);
            var (restorer, demoted) = outcomes[0].StatusCode == HttpStatusCode.OK ? (admin, "pg-admin-2") : (second, "admin");
            (await restorer.PatchAsJsonAsync($"/api/admin/users/{demoted}", new { role = "admin" })).EnsureSuccessStatusCode();
            foreach (var outcome in outcomes)
            {
                outcome.Dispose();
            }
        }

        Assert.Equal(2, await PostgresDatabases.ScalarAsync(connectionString, Admins));
    }
}
