using WorkflowEngine.Messaging.Configuration;

namespace WorkflowEngine.Messaging.Consumers;

public sealed class StepMaterialSuppliedConsumerDefinition(MessagingOptions options) : RetryingConsumerDefinition<StepMaterialSuppliedConsumer>(options);
