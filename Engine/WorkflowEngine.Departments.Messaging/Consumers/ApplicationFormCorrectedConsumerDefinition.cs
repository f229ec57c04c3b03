using WorkflowEngine.Messaging.Configuration;

namespace WorkflowEngine.Messaging.Consumers;

public sealed class ApplicationFormCorrectedConsumerDefinition(MessagingOptions options) : RetryingConsumerDefinition<ApplicationFormCorrectedConsumer>(options);
