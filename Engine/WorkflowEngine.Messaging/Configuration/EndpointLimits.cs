namespace WorkflowEngine.Messaging.Configuration;

/// <summary>What a queue's endpoint takes from the broker at once (<paramref name="PrefetchCount"/>) and works on at once (<paramref name="ConcurrentMessageLimit"/>).</summary>
public readonly record struct EndpointLimits(int PrefetchCount, int ConcurrentMessageLimit);
