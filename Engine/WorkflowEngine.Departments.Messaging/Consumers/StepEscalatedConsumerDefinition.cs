using WorkflowEngine.Messaging.Configuration;

namespace WorkflowEngine.Messaging.Consumers;

public sealed class StepEscalatedConsumerDefinition(MessagingOptions options) : RetryingConsumerDefinition<StepEscalatedConsumer>(options);
