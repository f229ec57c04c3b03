using WorkflowEngine.Messaging.Configuration;

namespace WorkflowEngine.Messaging.Consumers;

/// <summary>Supplement requests from the departments on <c>engine.reports</c>.</summary>
public sealed class StepSupplementRequestedConsumerDefinition(MessagingOptions options) : RetryingConsumerDefinition<StepSupplementRequestedConsumer>(options);
