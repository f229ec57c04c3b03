using WorkflowEngine.Messaging.Configuration;

namespace WorkflowEngine.Messaging.Consumers;

/// <summary>Supplied supplements from the engine on a department's queue.</summary>
public sealed class StepSupplementedConsumerDefinition(MessagingOptions options) : RetryingConsumerDefinition<StepSupplementedConsumer>(options);
