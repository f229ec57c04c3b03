using System.Net.Http.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// 告知承诺 whose definition ends the application on a failed verification (<c>onFailure: end-application</c>), over
/// the real host: the archives office finds the commitment not kept while another department still holds its step;
/// the application ends with the reason the applicant reads, and that department's clerk no longer holds the task.
/// </summary>
[Trait("Category", "Integration")]
public sealed class CommitmentEndsApplicationTests
{
    [Fact]
    public async Task AFailedVerification_EndsTheRunningApplication_WithTheReason_AndTheOpenTaskIsDropped()
    {
        await using var host = await AllInOneHost.StartAsync();
        var yaml = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Definitions, "services", "joint-acceptance-registration.yaml"));
        await host.PublishAsync(yaml.Replace("onFailure: revoke-step", "onFailure: end-application", StringComparison.Ordinal));
        var id = await CommitmentFlow.SubmitAsync(host);
        var verifyAt = await CommitmentFlow.SignAsync(host, id);
        // Fire acceptance (HUD) stays undecided: its step is open when the verification fails.
        await host.DecideOnlyTaskAsync("NRP", "nrp-clerk", new DateTimeOffset(2026, 3, 2, 10, 0, 0, CommitmentFlow.Cst));
        await host.TaskOfAsync(id, "HUD", "hud-clerk");

        var task = await CommitmentFlow.VerificationTaskAsync(host, verifyAt);
        using var clerk = host.Client("arch-clerk");
        (await clerk.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
        (await clerk.PostAsJsonAsync($"/api/tasks/{task}/complete", new { outcome = "rejected", reason = "逾期未向城建档案馆移交工程档案" })).EnsureSuccessStatusCode();

        var application = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}"), a => a.GetProperty("status").GetString() == "cancelled", "the application to end");
        var reason = application.GetProperty("reason").GetString();
        Assert.Contains("未履行告知承诺", reason, StringComparison.Ordinal);
        Assert.Contains("逾期未向城建档案馆移交工程档案", reason, StringComparison.Ordinal);
        Assert.Contains(application.GetProperty("notifications").EnumerateArray(),
            n => n.GetProperty("kind").GetString() == "commitment-revoked" && n.GetProperty("message").GetString()!.Contains("终止办理", StringComparison.Ordinal));
        Assert.Equal("revoked", CommitmentFlow.Step(application, CommitmentFlow.Archives).GetProperty("status").GetString());

        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("hud-clerk", "/api/departments/HUD/tasks"),
            t => !t.EnumerateArray().Any(x => x.GetProperty("applicationId").GetGuid() == id),
            "the fire acceptance task to leave HUD's queue");
        Assert.Equal("cancelled", (await host.TaskOfAsync(id, "HUD", "hud-clerk")).GetProperty("status").GetString());
    }
}
