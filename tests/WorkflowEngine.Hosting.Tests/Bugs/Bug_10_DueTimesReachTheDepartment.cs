using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Runtime.Monitoring;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// A step's due time moves on the engine (an excluded period, an approved extension); the department host that holds it
/// must learn the new one. Before the fix its queue kept the due time of the dispatch, so a clerk deciding after the
/// first due time but within the extended one was told "late" and the engine recorded a ComplianceMismatch; and a
/// probe of a step standing in an excluded period made the application an incident.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_10_DueTimesReachTheDepartment
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    [Fact]
    public async Task ApprovedExtension_MovesTheClerksDueTime_AndADecisionWithinItIsOnTimeOnBothSides()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await host.SubmitBusinessOpeningAsync();
        var task = await ClaimedLicenceTaskAsync(host);
        using var clerk = host.Client("samr-clerk");
        using var supervisor = host.Client("samr-supervisor");
        using var asked = await clerk.PostAsJsonAsync($"/api/tasks/{task}/extensions", new { workingDays = 1, reason = "经营场所需实地核查" });
        var extension = (await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        (await supervisor.PostAsJsonAsync($"/api/extensions/{extension}/approve", new { reason = "同意" })).EnsureSuccessStatusCode();

        // Due 11:00 on Monday; the extra working day makes it 11:00 on Tuesday, in the clerk's queue too.
        var extended = new DateTimeOffset(2026, 3, 3, 11, 0, 0, Cst);
        await AllInOneHost.EventuallyAsync(
            () => TaskAsync(host, task),
            t => t.GetProperty("dueAt").GetDateTimeOffset() == extended,
            "the clerk's task to show the extended due time");
        var queued = Assert.Single((await host.GetJsonAsync("samr-clerk", "/api/departments/SAMR/tasks?status=claimed")).EnumerateArray());
        Assert.Equal(extended, queued.GetProperty("dueAt").GetDateTimeOffset());

        // Decided at 15:00 on Monday: past the first due time, within the extended one.
        host.Clock.Advance(TimeSpan.FromHours(6));
        (await clerk.PostAsJsonAsync($"/api/tasks/{task}/complete", new { outcome = "approved" })).EnsureSuccessStatusCode();
        Assert.True((await TaskAsync(host, task)).GetProperty("onTime").GetBoolean());
        var licence = await AllInOneHost.EventuallyAsync(
            async () => Licence(await host.GetJsonAsync("zhangsan", $"/api/applications/{id}")),
            s => s.GetProperty("status").GetString() == "approved",
            "the engine to record the decision");
        Assert.True(licence.GetProperty("onTime").GetBoolean());
        var trail = (await host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries");
        Assert.DoesNotContain(trail.EnumerateArray(), e => e.GetProperty("type").GetString() == "ComplianceMismatch");
    }

    [Fact]
    public async Task ExcludedPeriod_ShowsTheClerksTaskPaused_ThenTheMovedDueTime()
    {
        await using var host = await AllInOneHost.StartAsync();
        await host.SubmitBusinessOpeningAsync();
        var task = await ClaimedLicenceTaskAsync(host);
        using var clerk = host.Client("samr-clerk");
        (await clerk.PostAsJsonAsync($"/api/tasks/{task}/exclusions", new { kind = "expert-review", reason = "需组织专家论证" })).EnsureSuccessStatusCode();

        var paused = await AllInOneHost.EventuallyAsync(
            () => TaskAsync(host, task), t => t.GetProperty("clock").GetString() == "paused", "the clerk's task to show its clock paused");
        Assert.Equal(AllInOneHost.MondayMorning, paused.GetProperty("pausedSince").GetDateTimeOffset());

        host.Clock.Advance(new DateTimeOffset(2026, 3, 3, 9, 0, 0, Cst) - host.Clock.GetUtcNow());
        (await clerk.PostAsync($"/api/tasks/{task}/exclusions/end", null)).EnsureSuccessStatusCode();
        var running = await AllInOneHost.EventuallyAsync(
            () => TaskAsync(host, task), t => t.GetProperty("clock").GetString() == "running", "the clerk's task to run again");
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 11, 0, 0, Cst), running.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, running.GetProperty("pausedSince").ValueKind);
    }

    /// <summary>
    /// A clock that stops after its due time has passed keeps that due time, so the engine announces the pause with a
    /// due time. Before the fix the department read "a due time" as "running": the clerk's task never showed the
    /// pause, and a decision in it was reported on time.
    /// </summary>
    [Fact]
    public async Task ExcludedPeriod_StartedAfterTheDueTime_ShowsTheClerksTaskPaused_AndLate()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await host.SubmitBusinessOpeningAsync();
        var task = await ClaimedLicenceTaskAsync(host);
        using var clerk = host.Client("samr-clerk");

        // Due 11:00; the inspection starts at 12:00.
        host.Clock.Advance(TimeSpan.FromHours(3));
        (await clerk.PostAsJsonAsync($"/api/tasks/{task}/exclusions", new { kind = "inspection", reason = "现场核查" })).EnsureSuccessStatusCode();
        var paused = await AllInOneHost.EventuallyAsync(
            () => TaskAsync(host, task), t => t.GetProperty("clock").GetString() == "paused", "the clerk's task to show its clock paused");
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 12, 0, 0, Cst), paused.GetProperty("pausedSince").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 11, 0, 0, Cst), paused.GetProperty("dueAt").GetDateTimeOffset());

        (await clerk.PostAsJsonAsync($"/api/tasks/{task}/complete", new { outcome = "approved" })).EnsureSuccessStatusCode();
        Assert.False((await TaskAsync(host, task)).GetProperty("onTime").GetBoolean());
        await AllInOneHost.EventuallyAsync(
            async () => Licence(await host.GetJsonAsync("zhangsan", $"/api/applications/{id}")),
            s => s.GetProperty("status").GetString() == "approved",
            "the engine to record the decision");
        var trail = (await host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries");
        Assert.DoesNotContain(trail.EnumerateArray(), e => e.GetProperty("type").GetString() == "ComplianceMismatch");
    }

    [Fact]
    public async Task ProbeOfAStepInAnExcludedPeriod_SendsItAgain_WithoutMakingTheApplicationAnIncident()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await host.SubmitBusinessOpeningAsync();
        var task = await ClaimedLicenceTaskAsync(host);
        using var clerk = host.Client("samr-clerk");
        (await clerk.PostAsJsonAsync($"/api/tasks/{task}/exclusions", new { kind = "inspection", reason = "现场核查" })).EnsureSuccessStatusCode();
        await AllInOneHost.EventuallyAsync(
            () => TaskAsync(host, task), t => t.GetProperty("clock").GetString() == "paused", "the exclusion to reach the engine and back");

        // The department says nothing for longer than the probe interval while the inspection runs: the engine asks again.
        host.Clock.Advance(TimeSpan.FromHours(5));
        var waiting = host.Services.GetRequiredService<IWaitingSteps>();
        var probeBefore = host.Clock.GetUtcNow() - TimeSpan.FromHours(4);
        Assert.Contains(await waiting.SilentAsync(probeBefore, 10, CancellationToken.None), s => s.ApplicationId == id);
        await host.Services.GetRequiredService<StuckWorkMonitor>().CheckAsync(CancellationToken.None);

        // The step went out again (it is no longer silent), and the application runs on.
        Assert.DoesNotContain(await waiting.SilentAsync(probeBefore, 10, CancellationToken.None), s => s.ApplicationId == id);
        Assert.Equal("in-progress", (await host.GetJsonAsync("zhangsan", $"/api/applications/{id}")).GetProperty("status").GetString());
        var trail = (await host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries");
        Assert.DoesNotContain(trail.EnumerateArray(), e => e.GetProperty("type").GetString() == "IncidentRaised");
        Assert.Equal("paused", (await TaskAsync(host, task)).GetProperty("clock").GetString());
    }

    private static async Task<string> ClaimedLicenceTaskAsync(AllInOneHost host)
    {
        var task = (await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("samr-clerk", "/api/departments/SAMR/tasks"), t => t.GetArrayLength() == 1, "the SAMR task"))[0].GetProperty("id").GetString()!;
        using var clerk = host.Client("samr-clerk");
        (await clerk.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
        return task;
    }

    private static async Task<JsonElement> TaskAsync(AllInOneHost host, string task) =>
        (await host.GetJsonAsync("samr-clerk", $"/api/tasks/{task}")).GetProperty("task");

    private static JsonElement Licence(JsonElement application) =>
        application.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("stepId").GetString() == "business-licence");
}
