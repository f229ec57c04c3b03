using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WorkflowEngine.Messaging;
using WorkflowEngine.Messaging.Configuration;
using WorkflowEngine.Runtime.Outbox;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>Which message to lose (the first that matches), and when it was lost.</summary>
internal sealed class Dropping(Func<OutboxMessage, bool> match)
{
    private int _dropped;

    public TaskCompletionSource Dropped { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool ShouldDrop(OutboxMessage message) => match(message) && Interlocked.Exchange(ref _dropped, 1) == 0;
}

/// <summary>Loses one message and reports it delivered, as a broken transport or a bug would.</summary>
internal sealed class DroppingSender(IMessageSender inner, DeliveryReceipts receipts, Dropping dropping) : IMessageSender
{
    public bool SendIsDurable => inner.SendIsDurable;

    /// <summary>The host's engine sends through a sender that loses what <paramref name="dropping"/> matches.</summary>
    public static void Install(WebApplicationBuilder builder, Dropping dropping) =>
        builder.Services.Replace(ServiceDescriptor.Singleton<IMessageSender>(sp =>
            new DroppingSender(
                new MassTransitSender(sp.GetRequiredService<IBus>(), sp.GetRequiredService<IOptions<MessagingOptions>>()),
                sp.GetRequiredService<DeliveryReceipts>(),
                dropping)));

    public Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (!dropping.ShouldDrop(message))
        {
            return inner.SendAsync(message, cancellationToken);
        }

        receipts.Received([message.MessageId.ToString()]);
        dropping.Dropped.TrySetResult();
        return Task.CompletedTask;
    }
}
