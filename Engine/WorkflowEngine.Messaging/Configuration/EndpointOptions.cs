namespace WorkflowEngine.Messaging.Configuration;

/// <summary>
/// One queue's own settings (section <c>Messaging:Endpoints:&lt;queue&gt;</c>, e.g. <c>Messaging:Endpoints:dept.SAMR</c>);
/// a setting left out falls back to <see cref="MessagingOptions"/>'s for that kind of queue.
/// </summary>
public sealed class EndpointOptions
{
    /// <summary>How many unacknowledged messages the broker hands this queue's consumer at once (AMQP <c>basic.qos</c>).</summary>
    public int? PrefetchCount { get; set; }

    /// <summary>How many of them the endpoint works on at once.</summary>
    public int? ConcurrentMessageLimit { get; set; }
}
