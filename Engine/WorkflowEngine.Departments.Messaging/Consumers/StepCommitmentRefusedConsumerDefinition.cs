using WorkflowEngine.Messaging.Configuration;

namespace WorkflowEngine.Messaging.Consumers;

public sealed class StepCommitmentRefusedConsumerDefinition(MessagingOptions options) : RetryingConsumerDefinition<StepCommitmentRefusedConsumer>(options);
