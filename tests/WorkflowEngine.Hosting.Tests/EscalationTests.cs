using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Contracts;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// Escalation rules (升级督办) as a department sees them, over the all-in-one host: the business-opening bundle puts a
/// step still undecided one working hour after its red card first in the queue (特急) and under the supervisors' eyes.
/// </summary>
[Trait("Category", "Integration")]
public sealed class EscalationTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    [Fact]
    public async Task ALicenceUndecidedAnHourAfterItsRedCard_BecomesUrgent_AndSupervised_Once()
    {
        // Monday 2 March 2026, 09:00: the licence is due at 11:00 (red); the rule follows one office hour later, at 12:00.
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        var id = await host.SubmitBusinessOpeningAsync();
        var task = (await host.TaskOfAsync(id)).GetProperty("id").GetString()!;

        await AdvanceToAsync(host, 11, 59);
        await AllInOneHost.EventuallyAsync(() => TaskAsync(host, task), t => t.GetProperty("warning").GetString() == "red", "the red card");
        var red = await TaskAsync(host, task);
        Assert.Equal(("normal", JsonValueKind.Null), (red.GetProperty("priority").GetString(), red.GetProperty("supervisedAt").ValueKind));

        await AdvanceToAsync(host, 12, 0);
        var escalated = await AllInOneHost.EventuallyAsync(
            () => TaskAsync(host, task), t => t.GetProperty("priority").GetString() == "urgent", "the escalation on the clerk's task");
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 12, 0, 0, Cst), escalated.GetProperty("supervisedAt").GetDateTimeOffset());
        Assert.Equal("红牌（超过办理时限）后 1 个工作小时仍未办结", escalated.GetProperty("supervisedBecause").GetString());
        var notice = Assert.Single(
            (await host.GetJsonAsync("samr-supervisor", "/api/departments/SAMR/notices")).EnumerateArray(), n => n.GetProperty("kind").GetString() == "escalated");
        Assert.Contains("升级督办", notice.GetProperty("message").GetString(), StringComparison.Ordinal);

        // The supervisor's page lists it among the steps escalated to them.
        using var supervisor = await PageSignInTests.SignedInBrowserAsync(host, "samr-supervisor", "Demo#2026");
        using var page = await supervisor.GetAsync("/desk/supervise?department=SAMR");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains("升级督办的办件（1）", html, StringComparison.Ordinal);
        Assert.Contains("督办：红牌（超过办理时限）后 1 个工作小时仍未办结", html, StringComparison.Ordinal);

        // However often the engine looks again, the rule applied once.
        await AdvanceToAsync(host, 15, 0);
        await host.FireDueTimersAsync();
        var audit = (await host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries").EnumerateArray()
            .Where(e => e.GetProperty("type").GetString() == "Escalated")
            .ToArray();
        var line = Assert.Single(audit);
        Assert.Equal(("business-licence", "urgent"), (line.GetProperty("stepId").GetString(), line.GetProperty("data").GetProperty("priority").GetString()));
        Assert.Single((await host.GetJsonAsync("samr-supervisor", "/api/departments/SAMR/notices")).EnumerateArray(), n => n.GetProperty("kind").GetString() == "escalated");
    }

    [Fact]
    public async Task AnExtensionThatReachesTheEngineAfterTheEscalation_TakesTheRedBack_AndTheLicenceLateAgain_IsSupervisedAndToldAgain()
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        var id = await host.SubmitBusinessOpeningAsync();
        var task = (await host.TaskOfAsync(id)).GetProperty("id").GetString()!;
        await AdvanceToAsync(host, 12, 0);
        await AllInOneHost.EventuallyAsync(() => TaskAsync(host, task), t => t.GetProperty("priority").GetString() == "urgent", "the first escalation");

        // SAMR's own system approved a working day more at 10:50, within the limit, and reports it only now.
        await host.SendReportAsync(new StepExtended
        {
            ApplicationId = id,
            StepId = "business-licence",
            Attempt = 1,
            Department = "SAMR",
            ExtensionId = Guid.NewGuid(),
            WorkingDays = 1,
            Reason = "经营场所需实地核查",
            RequestedBy = "samr-clerk",
            ApprovedBy = "samr-supervisor",
            ApprovedAt = new DateTimeOffset(2026, 3, 2, 10, 50, 0, Cst),
        });
        var tuesday = new DateTimeOffset(2026, 3, 3, 11, 0, 0, Cst);
        var extended = await AllInOneHost.EventuallyAsync(
            () => TaskAsync(host, task), t => t.GetProperty("dueAt").GetDateTimeOffset() == tuesday, "the new due time on the clerk's task");
        // Three of nine office hours used: no card; the queue keeps the priority the escalation gave.
        Assert.Equal("none", extended.GetProperty("warning").GetString());
        Assert.Equal("urgent", extended.GetProperty("priority").GetString());

        // Late again at 11:00 on Tuesday, and an office hour later escalated again: the supervisors are told again.
        host.Clock.Advance(tuesday.AddHours(1) - host.Clock.GetUtcNow());
        await host.FireDueTimersAsync();
        var notices = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("samr-supervisor", "/api/departments/SAMR/notices"),
            n => n.EnumerateArray().Count(x => x.GetProperty("kind").GetString() == "escalated") == 2,
            "the second escalation among the supervisor's notices");
        Assert.Contains(notices.EnumerateArray(), n => n.GetProperty("kind").GetString() == "escalated"
            && n.GetProperty("message").GetString()!.Contains("2026-03-03 11:00", StringComparison.Ordinal));
        var again = await TaskAsync(host, task);
        Assert.Equal(("red", tuesday.AddHours(1)), (again.GetProperty("warning").GetString(), again.GetProperty("supervisedAt").GetDateTimeOffset()));

        await host.FireDueTimersAsync();
        Assert.Equal(2, (await host.GetJsonAsync("samr-supervisor", "/api/departments/SAMR/notices")).EnumerateArray().Count(n => n.GetProperty("kind").GetString() == "escalated"));
    }

    [Fact]
    public async Task AYellowLicenceExtendedWellBeforeItsLimit_ShowsNoCardOnTheClerksTask()
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        var id = await host.SubmitBusinessOpeningAsync();
        var task = (await host.TaskOfAsync(id)).GetProperty("id").GetString()!;
        // Three quarters of two office hours: yellow at 10:30.
        await AdvanceToAsync(host, 10, 30);
        await AllInOneHost.EventuallyAsync(() => TaskAsync(host, task), t => t.GetProperty("warning").GetString() == "yellow", "the yellow card");

        await AdvanceToAsync(host, 10, 40);
        using var clerk = host.Client("samr-clerk");
        (await clerk.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
        using var asked = await clerk.PostAsJsonAsync($"/api/tasks/{task}/extensions", new { workingDays = 1, reason = "经营场所需实地核查" });
        var extension = (await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        using var supervisor = host.Client("samr-supervisor");
        (await supervisor.PostAsJsonAsync($"/api/extensions/{extension}/approve", new { reason = "同意" })).EnsureSuccessStatusCode();

        // Due at 11:00 on Tuesday: under a fifth of nine office hours used, so the clerk sees no card.
        var extended = await AllInOneHost.EventuallyAsync(
            () => TaskAsync(host, task), t => t.GetProperty("dueAt").GetDateTimeOffset() == new DateTimeOffset(2026, 3, 3, 11, 0, 0, Cst), "the new due time");
        Assert.Equal("none", extended.GetProperty("warning").GetString());
    }

    [Fact]
    public async Task TheBundlePassingItsPromisedWorkingDay_IsToldToTheSupervisorsOfADepartmentStillHoldingAStep_Once()
    {
        // 企业开办 promises one working day, counted from the day after submission (due Tuesday 17:30): on Wednesday
        // morning the whole 一件事 is overdue, with the licence still open.
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        var id = await host.SubmitBusinessOpeningAsync();
        var task = (await host.TaskOfAsync(id)).GetProperty("id").GetString()!;

        host.Clock.Advance(new DateTimeOffset(2026, 3, 4, 10, 0, 0, Cst) - host.Clock.GetUtcNow());
        await host.FireDueTimersAsync();

        var notice = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("samr-supervisor", "/api/departments/SAMR/notices"),
            n => n.EnumerateArray().Any(x => x.GetProperty("kind").GetString() == "bundle-red"),
            "the bundle's red card among the supervisor's notices");
        var message = notice.EnumerateArray().Single(x => x.GetProperty("kind").GetString() == "bundle-red").GetProperty("message").GetString()!;
        Assert.Contains("所在的一件事「企业开办", message, StringComparison.Ordinal);
        Assert.Contains("已超过承诺时限", message, StringComparison.Ordinal);
        // The task keeps its own card: the licence's, not the bundle's.
        Assert.Equal("red", (await TaskAsync(host, task)).GetProperty("warning").GetString());

        await host.FireDueTimersAsync();
        Assert.Single((await host.GetJsonAsync("samr-supervisor", "/api/departments/SAMR/notices")).EnumerateArray(), n => n.GetProperty("kind").GetString() == "bundle-red");
    }

    private static async Task AdvanceToAsync(AllInOneHost host, int hour, int minute)
    {
        host.Clock.Advance(new DateTimeOffset(2026, 3, 2, hour, minute, 0, Cst) - host.Clock.GetUtcNow());
        await host.FireDueTimersAsync();
    }

    private static async Task<JsonElement> TaskAsync(AllInOneHost host, string task) =>
        (await host.GetJsonAsync("samr-clerk", $"/api/tasks/{task}")).GetProperty("task");
}
