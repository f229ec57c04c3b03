using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Persistence;
using WorkflowEngine.Persistence.Stores;
using WorkflowEngine.Runtime.Users;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// Every request's check that its session or token still stands is read through a short cache of each account's stamp
/// and standing (<c>Identity:SessionCheckCacheDuration</c>). Whatever in this process ends a person's sessions (a new
/// password, an administrator disabling them or changing their role, signing out everywhere) ends them at once, on the
/// very next request, even for a token or cookie the cache has just seen.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SessionCheckCacheTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string Password = "a long enough password 2026";

    private AllInOneHost Host => fixture.Host;

    [Theory]
    [InlineData("disable")]
    [InlineData("password")]
    [InlineData("role")]
    public async Task AdministratorEndsAUser_TheirTokenJustUsed_IsRefusedOnTheVeryNextRequest(string action)
    {
        var userName = "tax-clerk-" + action;
        using var admin = Host.Client("admin");
        using var clerk = await ClerkWhoseTokenWasJustCheckedAsync(admin, userName);

        using var change = action switch
        {
            "disable" => await admin.PostAsync($"/api/admin/users/{userName}/disable", null),
            "password" => await admin.PostAsJsonAsync($"/api/admin/users/{userName}/password", new { }),
            _ => await admin.PatchAsJsonAsync($"/api/admin/users/{userName}", new { role = "supervisor", department = "TAX" }),
        };
        using var after = await clerk.GetAsync("/api/departments/TAX/tasks");

        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        await ProblemAssert.IsAsync(after, HttpStatusCode.Unauthorized);
    }

    /// <summary>
    /// The general rule, not the callers of today: a change written straight through the stores, as the next feature that
    /// renews a stamp or disables an account would write it, with nobody telling the cache, still ends the token at once.
    /// Disabling keeps the stamp as it was here, so that only the disabling can refuse the token.
    /// </summary>
    [Theory]
    [InlineData("stamp")]
    [InlineData("disable")]
    public async Task AChangeWrittenThroughTheStoresByAnyCaller_EndsTheTokenJustUsed_OnItsVeryNextRequest(string write)
    {
        var userName = "tax-clerk-store-" + write;
        using var admin = Host.Client("admin");
        using var clerk = await ClerkWhoseTokenWasJustCheckedAsync(admin, userName);

        if (write == "stamp")
        {
            await Host.Services.GetRequiredService<ICredentialStore>().RenewStampAsync(userName, PasswordSignIn.NewStamp(), CancellationToken.None);
        }
        else
        {
            var sameStamp = (await Host.Services.GetRequiredService<ICredentialStore>().FindAsync(userName, CancellationToken.None))!.SecurityStamp;
            var audit = new AdminAuditEntry(0, Host.Clock.GetUtcNow(), "admin", AdminAuditActions.Disabled, AdminAuditEntry.User, userName, null);
            Assert.Equal(
                UserChangeStatus.Done,
                await Host.Services.GetRequiredService<IUserAccounts>().SetDisabledAsync(userName, Host.Clock.GetUtcNow(), sameStamp, audit, CancellationToken.None));
        }

        using var after = await clerk.GetAsync("/api/departments/TAX/tasks");

        await ProblemAssert.IsAsync(after, HttpStatusCode.Unauthorized);
    }

    /// <summary>A new clerk, signed in with a token that has just been accepted twice: its account's standing is in the cache.</summary>
    private async Task<HttpClient> ClerkWhoseTokenWasJustCheckedAsync(HttpClient admin, string userName)
    {
        using (var created = await admin.PostAsJsonAsync("/api/admin/users", new { userName, displayName = "测试 " + userName, role = "clerk", department = "TAX", password = Password }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var clerk = await TokenSignInTests.SignedInAsync(Host, userName, Password);
        using var before = await clerk.GetAsync("/api/departments/TAX/tasks");
        using var again = await clerk.GetAsync("/api/departments/TAX/tasks");
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (before.StatusCode, again.StatusCode));
        return clerk;
    }

    [Fact]
    public async Task SigningOut_EndsACopyOfTheSessionJustUsed_OnItsVeryNextRequest()
    {
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = Host.Address };
        using (var login = await PageSignInTests.PostLoginAsync(browser, "hpf-supervisor", IdentitySeeding.DemoPassword))
        {
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        }

        // The same cookie on another device (or stolen): only the server can end it.
        using var copy = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = Host.Address };
        copy.DefaultRequestHeaders.Add("Cookie", cookies.GetCookieHeader(Host.Address));
        using var copyBefore = await copy.GetAsync("/account");

        var token = await PageSignInTests.AntiforgeryTokenAsync(browser, "/account");
        using var signedOut = await browser.PostAsync("/account/logout", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        using var copyAfter = await copy.GetAsync("/account");
        using var copyOnTheApi = await copy.GetAsync("/api/departments/HPF/tasks");

        Assert.Equal(HttpStatusCode.OK, copyBefore.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, copyAfter.StatusCode);
        Assert.Equal("/account/login", new Uri(Host.Address, copyAfter.Headers.Location!).AbsolutePath);
        await ProblemAssert.IsAsync(copyOnTheApi, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task RepeatedRequestsWithinTheWindow_ReadTheAccountOnce_AndAStampChangedElsewhere_IsHonouredWhenTheWindowEnds()
    {
        CountingAccountStandings? counting = null;
        await using var host = await AllInOneHost.StartAsync(configure: builder => builder.Services.AddSingleton<IAccountStandings>(services =>
            counting = new CountingAccountStandings(new SqlAccountStandings(services.GetRequiredService<Database>()))));
        var window = host.Services.GetRequiredService<IOptions<SignInSettings>>().Value.SessionCheckCacheDuration;
        using var clerk = await TokenSignInTests.SignedInAsync(host, "drc-clerk");

        var firstTen = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            using var response = await clerk.GetAsync("/api/departments/DRC/tasks");
            firstTen.Add(response.StatusCode);
        }

        var readsForTen = counting!.ReadsOf("drc-clerk");

        // Another engine process renews the stamp (the user signed out there): nothing here is told.
        await RenewStampBehindTheCacheAsync(host, "drc-clerk");
        host.Clock.Advance(window - TimeSpan.FromMilliseconds(1));
        using var lastMomentOfTheWindow = await clerk.GetAsync("/api/departments/DRC/tasks");
        host.Clock.Advance(TimeSpan.FromMilliseconds(1));
        using var windowEnded = await clerk.GetAsync("/api/departments/DRC/tasks");

        Assert.Equal(TimeSpan.FromSeconds(5), window);
        Assert.All(firstTen, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(1, readsForTen);
        // Within the window this process still trusts what it read, as the README says another process's change may be
        // late by up to the window; not a moment longer.
        Assert.Equal(HttpStatusCode.OK, lastMomentOfTheWindow.StatusCode);
        await ProblemAssert.IsAsync(windowEnded, HttpStatusCode.Unauthorized);
        Assert.Equal(2, counting!.ReadsOf("drc-clerk"));
    }

    [Fact]
    public async Task WithTheCacheTurnedOff_EveryRequestReadsTheAccount_AndAStampChangedElsewhere_EndsTheTokenAtOnce()
    {
        CountingAccountStandings? counting = null;
        await using var host = await AllInOneHost.StartAsync(
            configure: builder => builder.Services.AddSingleton<IAccountStandings>(services =>
                counting = new CountingAccountStandings(new SqlAccountStandings(services.GetRequiredService<Database>()))),
            extraArgs: ["--Identity:SessionCheckCacheDuration=00:00:00"]);
        using var clerk = await TokenSignInTests.SignedInAsync(host, "eeb-clerk");

        using var first = await clerk.GetAsync("/api/departments/EEB/tasks");
        using var second = await clerk.GetAsync("/api/departments/EEB/tasks");
        await RenewStampBehindTheCacheAsync(host, "eeb-clerk");
        using var third = await clerk.GetAsync("/api/departments/EEB/tasks");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        await ProblemAssert.IsAsync(third, HttpStatusCode.Unauthorized);
        Assert.Equal(3, counting!.ReadsOf("eeb-clerk"));
    }

    /// <summary>What another process does when the user signs out there: a new stamp in the shared database, and nothing said to this one.</summary>
    private static async Task RenewStampBehindTheCacheAsync(AllInOneHost host, string userId)
    {
        await using var connection = await host.Services.GetRequiredService<Database>().OpenAsync(CancellationToken.None);
        var renewed = await Dapper.SqlMapper.ExecuteAsync(
            connection, "UPDATE user_credentials SET security_stamp = @Stamp WHERE user_id = @Id", new { Stamp = PasswordSignIn.NewStamp(), Id = userId });
        Assert.Equal(1, renewed);
    }
}
