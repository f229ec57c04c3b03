using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Runtime.Monitoring;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// The verification task (事后核查) of a step approved on commitment travels like any dispatched step: lost on its way
/// to the department, it shows as not acknowledged (<c>commitment.verificationReceivedAt</c> null; the step itself stays approved), <c>/health</c> counts it stuck, and the stuck-work check sends it
/// again, so the department gets its task instead of the check silently never happening.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_10_UnacknowledgedVerificationIsSentAgain
{
    [Fact]
    public async Task ALostVerificationTask_IsSentAgainByTheStuckWorkCheck_AndReachesTheDepartment()
    {
        var dropping = new Dropping(m => m.MessageType == "ExecuteStep" && m.Body.Contains("\"signedBy\"", StringComparison.Ordinal));
        await using var host = await AllInOneHost.StartAsync(configure: b => DroppingSender.Install(b, dropping));
        var id = await CommitmentFlow.SubmitAsync(host);
        var verifyAt = await CommitmentFlow.SignAsync(host, id);
        await CommitmentFlow.CompleteOtherStepsAsync(host, id);

        host.Clock.Advance(verifyAt - host.Clock.GetUtcNow());
        await host.FireDueTimersAsync();
        await dropping.Dropped.Task.WaitAsync(TimeSpan.FromSeconds(20));

        var archives = CommitmentFlow.Step(await host.GetJsonAsync("admin", $"/api/applications/{id}"), CommitmentFlow.Archives);
        Assert.Equal(("approved", "verifying", JsonValueKind.Null), (archives.GetProperty("status").GetString(),
            archives.GetProperty("commitment").GetProperty("status").GetString(), archives.GetProperty("commitment").GetProperty("verificationReceivedAt").ValueKind));
        Assert.Equal(0, (await host.GetJsonAsync("arch-clerk", "/api/departments/ARCH/tasks?status=open")).GetArrayLength());
        host.Clock.Advance(TimeSpan.FromMinutes(3));
        var health = await host.GetJsonAsync("admin", "/health");
        Assert.Equal("degraded", health.GetProperty("status").GetString());
        Assert.Equal(1, health.GetProperty("stuck").GetProperty("unacknowledgedSteps").GetInt32());

        await host.Services.GetRequiredService<StuckWorkMonitor>().CheckAsync(CancellationToken.None);

        var queue = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("arch-clerk", "/api/departments/ARCH/tasks?status=open"), t => t.GetArrayLength() == 1, "the verification task sent again");
        Assert.Equal(("事后核查：城建档案验收", 2), (queue[0].GetProperty("title").GetString(), queue[0].GetProperty("attempt").GetInt32()));
        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("admin", $"/api/applications/{id}"),
            a => CommitmentFlow.Step(a, CommitmentFlow.Archives).GetProperty("commitment").GetProperty("verificationReceivedAt").ValueKind == JsonValueKind.String,
            "the department to acknowledge the verification task");
        Assert.Equal("healthy", (await host.GetJsonAsync("admin", "/health")).GetProperty("status").GetString());
        var audit = (await host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries");
        Assert.Single(audit.EnumerateArray(), a => a.GetProperty("type").GetString() == "StepResent" && a.GetProperty("stepId").GetString() == CommitmentFlow.Archives);

        // Decided as usual once it arrived: the failed check still revokes the approval.
        await CommitmentFlow.FailVerificationAsync(host, id, queue[0].GetProperty("id").GetString()!);
    }
}
