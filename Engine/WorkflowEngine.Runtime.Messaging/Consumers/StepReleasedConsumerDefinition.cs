using WorkflowEngine.Messaging.Configuration;

namespace WorkflowEngine.Messaging.Consumers;

/// <summary>Departments' releases on the engine's report queue.</summary>
public sealed class StepReleasedConsumerDefinition(MessagingOptions options) : RetryingConsumerDefinition<StepReleasedConsumer>(options);
