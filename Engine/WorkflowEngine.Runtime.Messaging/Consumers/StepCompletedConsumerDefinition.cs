using WorkflowEngine.Messaging.Configuration;

namespace WorkflowEngine.Messaging.Consumers;

/// <summary>Departments' decisions on the engine's report queue: an invalid outcome or a missing reason goes to the error queue at once.</summary>
public sealed class StepCompletedConsumerDefinition(MessagingOptions options) : RetryingConsumerDefinition<StepCompletedConsumer>(options);
