using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Persistence;
using WorkflowEngine.Persistence.Stores;
using WorkflowEngine.Runtime.Users;
using WorkflowEngine.Testing;
using WorkflowEngine.Testing.Platform;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// Every request with the identity platform's access token read the person's local account twice (whether an
/// administrator disabled it, and the directory's record to compare with the token's claims), where a session or a
/// token of this host's reads its account through the session check's short cache. The platform's requests now go
/// through the same cache, which holds the stored name, role and department beside the standing: within its window a
/// person's requests read nothing, and the record is written only when the platform's claims differ from it.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_9_PlatformBearerReadsTheUserAtEveryRequest
{
    private static readonly PlatformUser Clerk = new("qian.jiu", "3201-0010", new Dictionary<string, object>
    {
        ["name"] = "钱九",
        ["gov_role"] = "gov-window-clerk",
        ["gov_dept"] = "SAMR",
    });

    [Fact]
    public async Task TenRequests_ReadTheAccountOnceAfterTheFirst_WriteNothing_AndChangedClaimsAreStillApplied()
    {
        await using var platform = await IdentityPlatform.StartAsync();
        platform.Add(Clerk);
        CallCounter<IDirectoryStore>? directory = null;
        CallCounter<IUserAccounts>? accounts = null;
        CallCounter<IAccountStandings>? standings = null;
        await using var host = await AllInOneHost.StartAsync(
            TimeProvider.System.GetUtcNow(),
            builder =>
            {
                // Around the host's own directory (the SQL store in its session-check decorator), so the writes counted
                // are the ones that forget the record kept in the cache.
                builder.Services.DecorateForSessionChecks<IDirectoryStore>((inner, _) => CallCounter<IDirectoryStore>.Wrap(inner, out directory));
                builder.Services.AddSingleton(sp => CallCounter<IUserAccounts>.Wrap(new SqlUserAccounts(sp.GetRequiredService<Database>()), out accounts));
                builder.Services.AddSingleton(sp => CallCounter<IAccountStandings>.Wrap(new SqlAccountStandings(sp.GetRequiredService<Database>()), out standings));
            },
            PlatformFixture.HostArgs(platform));
        using var client = host.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", platform.AccessTokenFor(Clerk.UserName));
        int Reads() => directory!.Calls(nameof(IDirectoryStore.FindUserAsync)) + accounts!.Calls(nameof(IUserAccounts.FindAsync)) + standings!.Calls(nameof(IAccountStandings.FindAsync));
        int Writes() => directory!.Calls(nameof(IDirectoryStore.UpsertUsersAsync));

        // The seeding of the demo users at start wrote through the same store.
        var writesAtStart = Writes();
        using (var first = await client.GetAsync("/api/departments/SAMR/tasks"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var (readsBefore, writesBefore) = (Reads(), Writes());
        var nine = new List<HttpStatusCode>();
        for (var i = 0; i < 9; i++)
        {
            using var response = await client.GetAsync("/api/departments/SAMR/tasks");
            nine.Add(response.StatusCode);
        }

        var (readsForNine, writesForNine) = (Reads() - readsBefore, Writes() - writesBefore);

        // The platform makes them a supervisor, under a new name: their next token says so, within the same window.
        platform.Add(Clerk with
        {
            Claims = new Dictionary<string, object> { ["name"] = "钱九（科长）", ["gov_role"] = "supervisor", ["gov_dept"] = "SAMR" },
        });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", platform.AccessTokenFor(Clerk.UserName));
        using var promoted = await client.GetAsync("/api/departments/SAMR/tasks");
        var stored = await host.Services.GetRequiredService<IDirectoryStore>().FindUserAsync("oidc:3201-0010", CancellationToken.None);

        Assert.All(nine, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(1, writesBefore - writesAtStart);
        Assert.Equal((1, 0), (readsForNine, writesForNine));
        Assert.Equal(HttpStatusCode.OK, promoted.StatusCode);
        Assert.Equal(new UserRecord("oidc:3201-0010", "钱九（科长）", Roles.Supervisor, "SAMR"), stored);
        Assert.Equal(writesBefore + 1, Writes());
    }
}
