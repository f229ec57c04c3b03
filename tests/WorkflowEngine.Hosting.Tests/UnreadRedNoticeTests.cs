using System.Net;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// A supervisor "is notified when one turns red": the navigation counts the department's red notices they have not
/// read, and opening the list of notices (部门督办) reads them, for that supervisor alone.
/// </summary>
[Trait("Category", "Integration")]
public sealed class UnreadRedNoticeTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    [Fact]
    public async Task ARedNotice_IsCountedInTheSupervisorsNavigation_UntilTheyOpenTheList()
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        await host.SubmitBusinessOpeningAsync();
        using var supervisor = await PageSignInTests.SignedInBrowserAsync(host, "samr-supervisor", "Demo#2026");
        using var psbSupervisor = await PageSignInTests.SignedInBrowserAsync(host, "psb-supervisor", "Demo#2026");
        Assert.DoesNotContain("unread-red-notices", await supervisor.GetStringAsync("/desk"), StringComparison.Ordinal);

        // Two office hours from 09:00: the licence turns red at 11:00.
        host.Clock.Advance(new DateTimeOffset(2026, 3, 2, 11, 1, 0, Cst) - host.Clock.GetUtcNow());
        await RedNoticesAsync(host, 1);
        var desk = WebUtility.HtmlDecode(await supervisor.GetStringAsync("/desk"));
        Assert.Contains("<span class=\"nav-badge\" id=\"unread-red-notices\"> 1<span class=\"visually-hidden\"> 条未读红牌提醒</span></span>", desk, StringComparison.Ordinal);
        // Another department's supervisor has nothing to read.
        Assert.DoesNotContain("unread-red-notices", await psbSupervisor.GetStringAsync("/desk"), StringComparison.Ordinal);

        // Opening the list reads it: the list itself, and every page after, count nothing.
        Assert.DoesNotContain("unread-red-notices", await supervisor.GetStringAsync("/desk/supervise"), StringComparison.Ordinal);
        Assert.DoesNotContain("unread-red-notices", await supervisor.GetStringAsync("/desk"), StringComparison.Ordinal);

        // A later red one counts again, in English too.
        host.Clock.Advance(TimeSpan.FromMinutes(5));
        await host.SubmitBusinessOpeningAsync();
        host.Clock.Advance(new DateTimeOffset(2026, 3, 3, 9, 0, 0, Cst) - host.Clock.GetUtcNow());
        await RedNoticesAsync(host, 2);
        // A day later the supervisor signs in again: what they read is theirs, not the browser's session's.
        using var nextDay = await PageSignInTests.SignedInBrowserAsync(host, "samr-supervisor", "Demo#2026");
        var token = await PageSignInTests.AntiforgeryTokenAsync(nextDay, "/desk");
        (await nextDay.PostAsync("/language", new FormUrlEncodedContent([new("culture", "en"), new("returnUrl", "/desk"), new("__RequestVerificationToken", token)]))).Dispose();
        Assert.Contains(" 1<span class=\"visually-hidden\"> unread red notice</span>", await nextDay.GetStringAsync("/desk"), StringComparison.Ordinal);
    }

    private static Task RedNoticesAsync(AllInOneHost host, int count) =>
        AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("samr-supervisor", "/api/departments/SAMR/notices"),
            n => n.EnumerateArray().Count(x => x.GetProperty("kind").GetString() == "red") == count,
            $"{count} red notices for SAMR's supervisors");
}
