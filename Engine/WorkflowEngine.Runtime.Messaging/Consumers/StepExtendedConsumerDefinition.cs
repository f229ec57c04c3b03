using WorkflowEngine.Messaging.Configuration;

namespace WorkflowEngine.Messaging.Consumers;

/// <summary>Departments' approved extensions on the engine's report queue.</summary>
public sealed class StepExtendedConsumerDefinition(MessagingOptions options) : RetryingConsumerDefinition<StepExtendedConsumer>(options);
