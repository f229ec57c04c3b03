using System.Collections.Concurrent;
using WorkflowEngine.Runtime.Outbox;

namespace WorkflowEngine.Persistence.Tests;

/// <summary>
/// A broker that confirms every message and keeps what was published to it; <see cref="OnSend"/> stands for how long a
/// confirm takes (it moves the test's clock) and for what other processes do meanwhile.
/// </summary>
public sealed class RecordingSender(ConcurrentBag<Guid> published) : IMessageSender
{
    public bool SendIsDurable => true;

    /// <summary>Runs during each publish, given how many this sender has published before.</summary>
    public Func<int, Task> OnSend { get; set; } = _ => Task.CompletedTask;

    public int Count { get; private set; }

    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        published.Add(message.MessageId);
        await OnSend(Count++);
    }
}
