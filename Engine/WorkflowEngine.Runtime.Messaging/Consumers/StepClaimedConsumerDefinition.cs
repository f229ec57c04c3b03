using WorkflowEngine.Messaging.Configuration;

namespace WorkflowEngine.Messaging.Consumers;

/// <summary>Departments' claims on the engine's report queue.</summary>
public sealed class StepClaimedConsumerDefinition(MessagingOptions options) : RetryingConsumerDefinition<StepClaimedConsumer>(options);
