namespace WorkflowEngine.Runtime.Notifications;

/// <summary>
/// Sends one message through one channel (<see cref="NotificationChannelNames"/>). A failure worth trying again
/// throws any exception; a refusal that would come again (an unknown mailbox, a request the gateway rejects) throws
/// <see cref="NotificationRejectedException"/>.
/// </summary>
public interface INotificationChannel
{
    string Name { get; }

    Task SendAsync(NotificationDelivery delivery, CancellationToken cancellationToken);
}
