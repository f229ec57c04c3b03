using WorkflowEngine.Messaging.Configuration;

namespace WorkflowEngine.Messaging.Consumers;

/// <summary>Yellow and red cards from the engine on a department's queue.</summary>
public sealed class StepWarningRaisedConsumerDefinition(MessagingOptions options) : RetryingConsumerDefinition<StepWarningRaisedConsumer>(options);
