using WorkflowEngine.Messaging.Configuration;

namespace WorkflowEngine.Messaging.Consumers;

/// <summary>Recalls from the engine on a department's queue.</summary>
public sealed class CancelStepConsumerDefinition(MessagingOptions options) : RetryingConsumerDefinition<CancelStepConsumer>(options);
