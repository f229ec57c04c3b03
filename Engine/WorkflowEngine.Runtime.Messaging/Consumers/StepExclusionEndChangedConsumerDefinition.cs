using WorkflowEngine.Messaging.Configuration;

namespace WorkflowEngine.Messaging.Consumers;

/// <summary>New ends of departments' excluded periods on the engine's report queue.</summary>
public sealed class StepExclusionEndChangedConsumerDefinition(MessagingOptions options) : RetryingConsumerDefinition<StepExclusionEndChangedConsumer>(options);
