using WorkflowEngine.Messaging.Configuration;

namespace WorkflowEngine.Messaging.Consumers;

/// <summary>Departments' acknowledgements on the engine's report queue.</summary>
public sealed class StepReceivedConsumerDefinition(MessagingOptions options) : RetryingConsumerDefinition<StepReceivedConsumer>(options);
