using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// A bundle's yellow and red cards went only to the departments still holding one of its steps, so the department that
/// answers for the whole 一件事 — the service centre approving its extensions (<c>timeLimits.extension.approver</c>),
/// which holds no step of it — never heard that it was late.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_10_BundleCardsReachTheApprover
{
    [Fact]
    public async Task AJointAcceptancePastItsPromisedFifteenWorkingDays_IsToldToTheServiceCentresSupervisors_Once()
    {
        // After the form's completion date (2026-10-15), which may not lie in the future: Monday 2 November 2026, 09:00.
        await using var host = await AllInOneHost.StartAsync(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.FromHours(8)));
        using var citizen = host.Client("zhangsan");
        using var submitted = await citizen.PostAsync("/api/applications", JointAcceptance.Multipart(civilAirDefence: false));
        submitted.EnsureSuccessStatusCode();
        var id = (await JsonDocument.ParseAsync(await submitted.Content.ReadAsStreamAsync())).RootElement.GetProperty("id").GetGuid();
        await host.TaskOfAsync(id, "HUD", "hud-clerk");

        // Fifteen working days from Tuesday 3 November end on Monday 23 November, 17:30; three quarters of them are used
        // on Wednesday 18 November. On Thursday 19 November the centre holds the yellow card.
        host.Clock.Advance(TimeSpan.FromDays(17));
        await host.FireDueTimersAsync();
        var yellow = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("gsc-supervisor", "/api/departments/GSC/notices"),
            n => n.EnumerateArray().Any(x => x.GetProperty("kind").GetString() == "bundle-yellow"),
            "the bundle's yellow card among the service centre's notices");
        Assert.DoesNotContain(yellow.EnumerateArray(), x => x.GetProperty("kind").GetString() == "bundle-red");

        // On Monday 30 November nothing is decided: the bundle is past its promised fifteen working days.
        host.Clock.Advance(TimeSpan.FromDays(11));
        await host.FireDueTimersAsync();

        var notices = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("gsc-supervisor", "/api/departments/GSC/notices"),
            n => n.EnumerateArray().Any(x => x.GetProperty("kind").GetString() == "bundle-red"),
            "the bundle's red card among the service centre's notices");
        var tracking = (await host.GetJsonAsync("zhangsan", $"/api/applications/{id}")).GetProperty("trackingNumber").GetString()!;
        var red = notices.EnumerateArray().Single(x => x.GetProperty("kind").GetString() == "bundle-red");
        Assert.Equal(id, red.GetProperty("applicationId").GetGuid());
        Assert.Contains($"一件事 {tracking}「竣工联合验收与不动产首次登记」已超过承诺时限", red.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 17, 30, 0, TimeSpan.FromHours(8)), red.GetProperty("dueAt").GetDateTimeOffset());

        // The supervisor's page lists it, with no link to a task the centre does not hold.
        using var supervisor = host.Client("gsc-supervisor");
        var page = await supervisor.GetStringAsync("/desk/supervise?department=GSC");
        Assert.Contains("本部门负责审批其延期", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"/desk/tasks/{Guid.Empty}", page, StringComparison.Ordinal);

        // Given once: the timers again tell the centre nothing more.
        await host.FireDueTimersAsync();
        var again = (await host.GetJsonAsync("gsc-supervisor", "/api/departments/GSC/notices")).EnumerateArray().ToList();
        Assert.Single(again, n => n.GetProperty("kind").GetString() == "bundle-red");
        Assert.Single(again, n => n.GetProperty("kind").GetString() == "bundle-yellow");
    }
}
