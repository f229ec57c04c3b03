using System.Net;
using System.Net.Http.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// Creating a user and setting their password were two transactions: when storing the password failed (a full disk, a
/// lost connection, a crash between the two), the user stayed behind without one, unable to sign in, and the name was
/// taken, so the administrator's second try was refused. Now both go in one transaction: the failure leaves nothing.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_11_NewUserNeverWithoutPassword(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task CreatingAUser_WhenThePasswordCannotBeStored_LeavesNoUser_AndTheSecondTrySucceeds()
    {
        var host = fixture.Host;
        using var admin = host.Client("admin");
        var user = new { userName = "half-made", displayName = "半成品", role = "clerk", department = "SAMR", password = "a long enough password 2026" };
        await host.ScalarAsync("CREATE TRIGGER refuse_passwords BEFORE INSERT ON user_credentials BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
        try
        {
            using var failed = await admin.PostAsJsonAsync("/api/admin/users", user);
            await ProblemAssert.IsAsync(failed, HttpStatusCode.InternalServerError);
        }
        finally
        {
            await host.ScalarAsync("DROP TRIGGER refuse_passwords");
        }

        using var missing = await admin.GetAsync("/api/admin/users/half-made");
        await ProblemAssert.IsAsync(missing, HttpStatusCode.NotFound);
        Assert.Equal(0, await host.ScalarAsync("SELECT COUNT(*) FROM admin_audit WHERE target_id = 'half-made'"));
        using var again = await admin.PostAsJsonAsync("/api/admin/users", user);
        await ProblemAssert.JsonAsync(again, HttpStatusCode.Created);
        using var signedIn = await TokenSignInTests.SignedInAsync(host, "half-made", user.password);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/api/departments/SAMR/tasks")).StatusCode);
    }
}
