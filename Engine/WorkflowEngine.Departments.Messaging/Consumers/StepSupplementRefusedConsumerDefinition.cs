using WorkflowEngine.Messaging.Configuration;

namespace WorkflowEngine.Messaging.Consumers;

public sealed class StepSupplementRefusedConsumerDefinition(MessagingOptions options) : RetryingConsumerDefinition<StepSupplementRefusedConsumer>(options);
