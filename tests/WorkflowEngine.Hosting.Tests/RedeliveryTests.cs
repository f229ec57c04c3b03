using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Contracts;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Runtime.Processing;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>At-least-once delivery: a message delivered twice has its effect once.</summary>
[Trait("Category", "Integration")]
public sealed class RedeliveryTests
{
    [Fact]
    public async Task EngineInbox_AppliesARedeliveredReportOnce()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await host.SubmitBusinessOpeningAsync();
        var engine = host.Services.GetRequiredService<EngineProcessor>();
        var messageId = Guid.NewGuid().ToString();
        var claimed = new StepClaimedEvent("business-licence", 1, "samr-clerk", host.Clock.GetUtcNow());

        Assert.Equal(EventResult.Applied, await engine.ApplyAsync(id, claimed, messageId, CancellationToken.None));
        Assert.Equal(EventResult.Duplicate, await engine.ApplyAsync(id, claimed, messageId, CancellationToken.None));

        var audit = await host.Services.GetRequiredService<IApplicationQueries>().AuditAsync(id, CancellationToken.None);
        Assert.Single(audit, a => a.Type == "StepClaimed");
    }

    [Fact]
    public async Task DepartmentInbox_MakesOneTask_FromAStepDeliveredTwice()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await host.SubmitBusinessOpeningAsync();
        var step = await host.ReceivedLicenceStepAsync();
        var worker = host.Services.GetRequiredService<DepartmentWorker>();
        var messageId = Guid.NewGuid().ToString();

        // The same message twice (a redelivery), then a copy of the step under a new message id (a re-publish after a crash).
        Assert.NotNull(await worker.ReceiveAsync(step with { Attempt = 2 }, messageId, null, CancellationToken.None));
        Assert.Null(await worker.ReceiveAsync(step with { Attempt = 2 }, messageId, null, CancellationToken.None));
        Assert.Null(await worker.ReceiveAsync(step, Guid.NewGuid().ToString(), null, CancellationToken.None));

        var after = await host.GetJsonAsync("samr-clerk", "/api/departments/SAMR/tasks?status=all");
        Assert.Equal([1, 2], after.EnumerateArray().Select(t => t.GetProperty("attempt").GetInt32()).Order());
        Assert.Equal(id, step.ApplicationId);
    }
}
