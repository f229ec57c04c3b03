using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkflowEngine.Contracts;
using WorkflowEngine.Persistence;
using WorkflowEngine.Persistence.Stores;
using WorkflowEngine.Runtime;
using WorkflowEngine.Runtime.Outbox;
using WorkflowEngine.Runtime.Stores;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>What reaches the bus: bodies that are not what their header says, rows an earlier run left in the outbox.</summary>
[Trait("Category", "Integration")]
public sealed class MessagingTests
{
    [Fact]
    public async Task AMalformedStep_IsRefusedWithAClearError_AndTheDepartmentGoesOn()
    {
        await using var host = await AllInOneHost.StartAsync();
        var bus = host.Services.GetRequiredService<IBus>();
        var faults = new FaultObserver();
        var handle = bus.ConnectReceiveObserver(faults);
        var sender = host.Services.GetRequiredService<IMessageSender>();

        // A body cut off in the middle, under the ExecuteStep header, as a broken sender might put on the queue.
        await sender.SendAsync(
            new OutboxMessage(Guid.NewGuid(), Queues.Department("SAMR"), nameof(ExecuteStep), """{"applicationId":"01""", host.Clock.GetUtcNow()),
            CancellationToken.None);

        var fault = await faults.First.WaitAsync(TimeSpan.FromSeconds(20));
        handle.Disconnect();
        Assert.Contains("ExecuteStep", fault.Message, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", fault.Message, StringComparison.Ordinal);

        // The department host still takes the next step from the same queue.
        var id = await host.SubmitBusinessOpeningAsync();
        var tasks = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("samr-clerk", "/api/departments/SAMR/tasks?status=open"),
            t => t.GetArrayLength() == 1,
            "the licence task after the malformed message");
        Assert.Equal(id, tasks[0].GetProperty("applicationId").GetGuid());
    }

    [Fact]
    public async Task MessagesAnEarlierRunLeftInTheOutbox_ArePublishedAtOnce_NotAfterTheirLease()
    {
        await using var host = await AllInOneHost.StartAsync();
        await host.SubmitBusinessOpeningAsync();
        var step = await host.ReceivedLicenceStepAsync();

        // A second attempt of the step, committed by a run of the host that crashed before publishing it: the row is
        // still leased to that run for 30 seconds.
        var now = host.Clock.GetUtcNow();
        using var signal = new OutboxSignal();
        var earlierRun = new CommittedOutbox(signal, Options.Create(new EngineOptions { InstanceName = "earlier-run", LeaseDuration = TimeSpan.FromSeconds(30) }));
        var changes = new EngineChanges();
        changes.Outbox.Add(MessageJson.ToOutbox(step with { Attempt = 2 }, Queues.Department("SAMR"), now));
        await new SqlEngineStore(host.Services.GetRequiredService<Database>(), earlierRun).SaveAsync(changes, now, CancellationToken.None);

        // This run's relay polls once a second of its clock, and takes the row without waiting for the lease.
        host.Clock.Advance(TimeSpan.FromSeconds(2));
        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("samr-clerk", "/api/departments/SAMR/tasks?status=all"),
            t => t.EnumerateArray().Any(task => task.GetProperty("attempt").GetInt32() == 2),
            "the second attempt, published from the outbox");
    }

    /// <summary>The first message an endpoint could not receive or consume, with the reason.</summary>
    private sealed class FaultObserver : IReceiveObserver
    {
        private readonly TaskCompletionSource<Exception> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<Exception> First => _first.Task;

        public Task PreReceive(ReceiveContext context) => Task.CompletedTask;

        public Task PostReceive(ReceiveContext context) => Task.CompletedTask;

        public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType)
            where T : class => Task.CompletedTask;

        public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception)
            where T : class
        {
            _first.TrySetResult(exception);
            return Task.CompletedTask;
        }

        public Task ReceiveFault(ReceiveContext context, Exception exception)
        {
            _first.TrySetResult(exception);
            return Task.CompletedTask;
        }
    }
}
