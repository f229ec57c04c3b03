using System.Net;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>Wrong passwords in a row lock an account for a while, then it opens again by itself.</summary>
[Trait("Category", "Integration")]
public sealed class LockoutTests : IAsyncLifetime
{
    private AllInOneHost _host = null!;

    public async Task InitializeAsync() => _host = await AllInOneHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task FiveWrongPasswords_LockTheAccountEvenForTheRightOne_UntilFifteenMinutesPass()
    {
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            using var wrong = await TokenSignInTests.RequestTokenAsync(_host, "zhangsan", "guess " + attempt);
            await ProblemAssert.IsAsync(wrong, HttpStatusCode.Unauthorized);
        }

        using var fifth = await TokenSignInTests.RequestTokenAsync(_host, "zhangsan", "guess 5");
        var locked = await ProblemAssert.IsAsync(fifth, HttpStatusCode.TooManyRequests);
        Assert.Equal("账户已锁定", locked.GetProperty("title").GetString());
        Assert.Contains("15 分钟后再试", locked.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromMinutes(15), fifth.Headers.RetryAfter?.Delta);

        _host.Clock.Advance(TimeSpan.FromMinutes(14));
        using var stillLocked = await TokenSignInTests.RequestTokenAsync(_host, "zhangsan", "Demo#2026");
        Assert.Contains("1 分钟后再试", (await ProblemAssert.IsAsync(stillLocked, HttpStatusCode.TooManyRequests)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        _host.Clock.Advance(TimeSpan.FromMinutes(1));
        using var released = await TokenSignInTests.RequestTokenAsync(_host, "zhangsan", "Demo#2026");
        Assert.Equal(HttpStatusCode.OK, released.StatusCode);

        using var admin = await TokenSignInTests.SignedInAsync(_host, "admin");
        var kinds = (await ProblemAssert.JsonAsync(await admin.GetAsync("/api/admin/sign-ins?user=zhangsan"), HttpStatusCode.OK))
            .EnumerateArray().Select(e => e.GetProperty("kind").GetString()!).ToArray();
        Assert.Equal(["token-issued", "refused-locked", "locked-out", "failed", "failed", "failed", "failed"], kinds);
    }

    [Fact]
    public async Task Token_AfterItsLifetime_IsRefused()
    {
        using var client = await TokenSignInTests.SignedInAsync(_host, "lisi");
        using var fresh = await client.GetAsync("/api/applications");

        _host.Clock.Advance(TimeSpan.FromMinutes(61));
        using var stale = await client.GetAsync("/api/applications");

        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        await ProblemAssert.IsAsync(stale, HttpStatusCode.Unauthorized);
    }
}
