using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// A stage past its limit leaves a <c>stage-red</c> notice for the supervisors of every department still holding a step
/// under it, but the navigation's count of unread red notices counted a task's own <c>red</c> and the bundle's
/// <c>bundle-red</c> only: a department whose own step had turned red earlier, and been read, saw no badge when the whole
/// stage ran late. The stage's red counts now, like the bundle's.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_10_StageRedNotCountedInTheBadge
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    [Fact]
    public async Task AStagesRedNotice_IsCountedInTheSupervisorsBadge_UntilRead()
    {
        // 工程建设项目审批 from Monday 2 March 2026, 09:00: DRC's project approval (5 working days) is due at the close of
        // Monday 9 March, the first stage (8 working days) at the close of Thursday 12 March.
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        using (var builder = host.Client("lisi"))
        {
            using var submitted = await builder.PostAsync("/api/applications", ConstructionPermit.Multipart());
            Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
            await host.TaskOfAsync((await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), "DRC", "drc-clerk");
        }

        // The project approval's own red card, read by DRC's supervisor on Wednesday.
        host.Clock.Advance(new DateTimeOffset(2026, 3, 11, 9, 30, 0, Cst) - host.Clock.GetUtcNow());
        await host.FireDueTimersAsync();
        await KindAsync(host, "red");
        using (var wednesday = await PageSignInTests.SignedInBrowserAsync(host, "drc-supervisor", "Demo#2026"))
        {
            Assert.Contains("unread-red-notices", await wednesday.GetStringAsync("/desk"), StringComparison.Ordinal);
            Assert.DoesNotContain("unread-red-notices", await wednesday.GetStringAsync("/desk/supervise"), StringComparison.Ordinal);
        }

        // On Friday the whole stage is red: DRC, still holding its step, is told, and the badge counts it.
        host.Clock.Advance(new DateTimeOffset(2026, 3, 13, 9, 30, 0, Cst) - host.Clock.GetUtcNow());
        await host.FireDueTimersAsync();
        await KindAsync(host, "stage-red");
        using var friday = await PageSignInTests.SignedInBrowserAsync(host, "drc-supervisor", "Demo#2026");
        var desk = WebUtility.HtmlDecode(await friday.GetStringAsync("/desk"));
        Assert.Contains("<span class=\"nav-badge\" id=\"unread-red-notices\"> 1<span class=\"visually-hidden\"> 条未读红牌提醒</span></span>", desk, StringComparison.Ordinal);

        // Opening the list reads it.
        Assert.DoesNotContain("unread-red-notices", await friday.GetStringAsync("/desk/supervise"), StringComparison.Ordinal);
        Assert.DoesNotContain("unread-red-notices", await friday.GetStringAsync("/desk"), StringComparison.Ordinal);
    }

    private static Task<JsonElement> KindAsync(AllInOneHost host, string kind) =>
        AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("drc-supervisor", "/api/departments/DRC/notices"),
            n => n.EnumerateArray().Any(x => x.GetProperty("kind").GetString() == kind),
            $"DRC's {kind} notice");
}
