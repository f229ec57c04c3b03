using System.Collections.Concurrent;
using WorkflowEngine.Runtime.Outbox;

namespace WorkflowEngine.Persistence.Tests;

/// <summary>
/// A broker that confirms every message and keeps what was published to it; <see cref="OnSend"/> stands for how long a
/// confirm takes (it moves the test's clock) and for what other processes do meanwhile.
/// </summary>
public sealed class RecordingSender(ConcurrentBag<Guid> published) : IMessageSender
{
    /// <summary>Whether a confirm makes a row safe (RabbitMQ); false stands for the in-memory bus, whose rows wait for their receipt.</summary>
    public bool SendIsDurable { get; init; } = true;

    /// <summary>Runs during each publish, given how many this sender has published before.</summary>
    public Func<int, Task> OnSend { get; set; } = _ => Task.CompletedTask;

    public int Count { get; private set; }

    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        published.Add(message.MessageId);
        await OnSend(Count++);
    }
}
