using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Runtime.Monitoring;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// Finding 2 of the hardening issue: whatever loses a message, the engine finds what is stuck and repairs it. A step
/// its department never acknowledged is sent again; a step a department holds but reports nothing about is probed,
/// and a decision whose report was lost is reported again. <c>/health</c> says degraded while anything is stuck.
/// Messages are lost here on purpose, by a sender that drops one and reports it delivered.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_8_LostMessagesAreFoundAndSentAgain
{
    [Fact]
    public async Task LostExecuteStep_IsSentAgainAfterTheAcknowledgementTimeout_AndHealthSaysDegradedMeanwhile()
    {
        var dropping = new Dropping(m => m.MessageType == "ExecuteStep" && m.Body.Contains("\"business-licence\"", StringComparison.Ordinal));
        await using var host = await StartAsync(dropping);
        var id = await host.SubmitBusinessOpeningAsync();
        await dropping.Dropped.Task.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal("dispatched", (await StepAsync(host, id, "business-licence")).GetProperty("status").GetString());
        host.Clock.Advance(TimeSpan.FromMinutes(3));
        var health = await host.GetJsonAsync("admin", "/health");
        Assert.Equal("degraded", health.GetProperty("status").GetString());
        Assert.Equal(1, health.GetProperty("stuck").GetProperty("unacknowledgedSteps").GetInt32());

        await host.Services.GetRequiredService<StuckWorkMonitor>().CheckAsync(CancellationToken.None);
        await AllInOneHost.EventuallyAsync(
            () => StepAsync(host, id, "business-licence"),
            s => s.GetProperty("status").GetString() == "received",
            "the department to acknowledge the step sent again");
        var tasks = await host.GetJsonAsync("samr-clerk", "/api/departments/SAMR/tasks?status=all");
        Assert.Equal(1, tasks.GetArrayLength());
        Assert.Equal("healthy", (await host.GetJsonAsync("admin", "/health")).GetProperty("status").GetString());
        var audit = (await host.GetJsonAsync("zhangsan", $"/api/applications/{id}/audit")).GetProperty("entries");
        Assert.Single(audit.EnumerateArray(), a => a.GetProperty("type").GetString() == "StepResent");
    }

    [Fact]
    public async Task StepLostBeforeARestart_IsStillFoundAfterIt()
    {
        var directory = Directory.CreateTempSubdirectory("workflow-restart-");
        try
        {
            Guid id;
            var dropping = new Dropping(m => m.MessageType == "ExecuteStep" && m.Body.Contains("\"business-licence\"", StringComparison.Ordinal));
            await using (var before = await AllInOneHost.StartInAsync(directory, configure: b => DroppingSender.Install(b, dropping)))
            {
                id = await before.SubmitBusinessOpeningAsync();
                await dropping.Dropped.Task.WaitAsync(TimeSpan.FromSeconds(20));
            }

            // The host that starts again knows of the waiting step only from the database.
            await using var after = await AllInOneHost.StartInAsync(directory, AllInOneHost.MondayMorning.AddMinutes(3));
            await after.Services.GetRequiredService<StuckWorkMonitor>().CheckAsync(CancellationToken.None);
            await AllInOneHost.EventuallyAsync(
                () => StepAsync(after, id, "business-licence"),
                s => s.GetProperty("status").GetString() == "received",
                "the step sent again after the restart");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task LostReportOfAClerksDecision_IsReportedAgainWhenTheEngineProbes()
    {
        var dropping = new Dropping(m => m.MessageType == "StepCompleted");
        await using var host = await StartAsync(dropping);
        var id = await host.SubmitBusinessOpeningAsync();
        var task = (await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("samr-clerk", "/api/departments/SAMR/tasks"),
            t => t.GetArrayLength() == 1,
            "the licence task"))[0];
        using var clerk = host.Client("samr-clerk");
        (await clerk.PostAsync($"/api/tasks/{task.GetProperty("id").GetString()}/claim", null)).EnsureSuccessStatusCode();
        (await clerk.PostAsJsonAsync($"/api/tasks/{task.GetProperty("id").GetString()}/complete", new { outcome = "approved" })).EnsureSuccessStatusCode();
        await dropping.Dropped.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await AllInOneHost.EventuallyAsync(
            () => StepAsync(host, id, "business-licence"),
            s => s.GetProperty("status").GetString() == "claimed",
            "the claim to reach the engine");

        // The department holds the step, so it is not "unacknowledged": only the probe finds the lost decision.
        host.Clock.Advance(TimeSpan.FromHours(5));
        await host.Services.GetRequiredService<StuckWorkMonitor>().CheckAsync(CancellationToken.None);
        await AllInOneHost.EventuallyAsync(
            () => StepAsync(host, id, "business-licence"),
            s => s.GetProperty("status").GetString() == "approved",
            "the decision reported again");
        await AllInOneHost.EventuallyAsync(
            () => StepAsync(host, id, "housing-fund"),
            s => s.GetProperty("status").GetString() == "approved",
            "the flow to go on");
        var audit = (await host.GetJsonAsync("zhangsan", $"/api/applications/{id}/audit")).GetProperty("entries");
        Assert.Single(audit.EnumerateArray(), a => a.GetProperty("type").GetString() == "StepApproved" && a.GetProperty("stepId").GetString() == "business-licence");
    }

    [Fact]
    public async Task LostReportOfAnAutomatedDecision_IsReportedAgainWhenTheStepIsSentAgain()
    {
        var dropping = new Dropping(m => m.MessageType == "StepCompleted" && m.Body.Contains("\"tax-registration\"", StringComparison.Ordinal));
        await using var host = await StartAsync(dropping);
        var id = await host.SubmitBusinessOpeningAsync();
        var licence = (await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("samr-clerk", "/api/departments/SAMR/tasks"),
            t => t.GetArrayLength() == 1,
            "the licence task"))[0];
        using var clerk = host.Client("samr-clerk");
        (await clerk.PostAsync($"/api/tasks/{licence.GetProperty("id").GetString()}/claim", null)).EnsureSuccessStatusCode();
        (await clerk.PostAsJsonAsync($"/api/tasks/{licence.GetProperty("id").GetString()}/complete", new { outcome = "approved" })).EnsureSuccessStatusCode();
        await dropping.Dropped.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal("dispatched", (await StepAsync(host, id, "tax-registration")).GetProperty("status").GetString());

        host.Clock.Advance(TimeSpan.FromMinutes(3));
        await host.Services.GetRequiredService<StuckWorkMonitor>().CheckAsync(CancellationToken.None);
        var step = await AllInOneHost.EventuallyAsync(
            () => StepAsync(host, id, "tax-registration"),
            s => s.GetProperty("status").GetString() == "approved",
            "the automated decision reported again");
        Assert.StartsWith("TAX-", step.GetProperty("outputs").GetProperty("registrationNumber").GetString(), StringComparison.Ordinal);
        var tasks = await host.GetJsonAsync("admin", "/api/departments/TAX/tasks?status=all");
        Assert.Equal(1, tasks.GetArrayLength());
    }

    private static Task<AllInOneHost> StartAsync(Dropping dropping) => AllInOneHost.StartAsync(configure: b => DroppingSender.Install(b, dropping));

    private static async Task<JsonElement> StepAsync(AllInOneHost host, Guid id, string stepId) =>
        (await host.GetJsonAsync("admin", $"/api/applications/{id}")).GetProperty("steps").EnumerateArray()
            .Single(s => s.GetProperty("stepId").GetString() == stepId);
}
