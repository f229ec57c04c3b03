using System.Net;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// The bundle's red card is told to the department approving its extensions (the service centre, GSC) as a
/// <c>bundle-red</c> notice, with no task of it there; the navigation's count of unread red notices counted only a task's
/// own <c>red</c>, so the service centre's supervisor saw no badge for the one red card they get. It counts now.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_10_BundleRedNotCountedForTheApprover
{
    [Fact]
    public async Task TheBundlesRedNotice_ToTheApprovingServiceCentre_IsCountedInItsSupervisorsBadge_UntilRead()
    {
        await using var host = await AllInOneHost.StartAsync(ClockExtensionTests.Monday);
        await ClockExtensionTests.SubmitAsync(host);
        using (var before = await PageSignInTests.SignedInBrowserAsync(host, "gsc-supervisor", "Demo#2026"))
        {
            Assert.DoesNotContain("unread-red-notices", await before.GetStringAsync("/desk"), StringComparison.Ordinal);
        }

        // The joint acceptance's promised limit ends at 17:30 on Monday 9 November; the next morning it is red.
        host.Clock.Advance(new DateTimeOffset(2026, 11, 10, 9, 30, 0, TimeSpan.FromHours(8)) - host.Clock.GetUtcNow());
        var notices = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("gsc-supervisor", "/api/departments/GSC/notices"),
            n => n.EnumerateArray().Any(x => x.GetProperty("kind").GetString() == "bundle-red"),
            "the service centre's bundle-red notice");
        var red = notices.EnumerateArray().Count(x => x.GetProperty("kind").GetString() == "bundle-red");

        // Signed in again: three weeks have passed.
        using var gsc = await PageSignInTests.SignedInBrowserAsync(host, "gsc-supervisor", "Demo#2026");
        var desk = WebUtility.HtmlDecode(await gsc.GetStringAsync("/desk"));
        Assert.Contains($"<span class=\"nav-badge\" id=\"unread-red-notices\"> {red}<span class=\"visually-hidden\"> 条未读红牌提醒</span></span>", desk, StringComparison.Ordinal);

        // Opening the list reads it.
        Assert.DoesNotContain("unread-red-notices", await gsc.GetStringAsync("/desk/supervise"), StringComparison.Ordinal);
        Assert.DoesNotContain("unread-red-notices", await gsc.GetStringAsync("/desk"), StringComparison.Ordinal);
    }
}
