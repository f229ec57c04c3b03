using WorkflowEngine.Messaging.Configuration;

namespace WorkflowEngine.Messaging.Consumers;

/// <summary>Departments' excluded periods on the engine's report queue.</summary>
public sealed class StepExclusionStartedConsumerDefinition(MessagingOptions options) : RetryingConsumerDefinition<StepExclusionStartedConsumer>(options);
