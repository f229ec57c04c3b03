using WorkflowEngine.Messaging.Configuration;

namespace WorkflowEngine.Messaging.Consumers;

/// <summary>Ends of departments' excluded periods on the engine's report queue.</summary>
public sealed class StepExclusionEndedConsumerDefinition(MessagingOptions options) : RetryingConsumerDefinition<StepExclusionEndedConsumer>(options);
