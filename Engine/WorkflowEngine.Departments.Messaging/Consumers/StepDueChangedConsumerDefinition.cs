using WorkflowEngine.Messaging.Configuration;

namespace WorkflowEngine.Messaging.Consumers;

/// <summary>Due-time changes from the engine on a department's queue.</summary>
public sealed class StepDueChangedConsumerDefinition(MessagingOptions options) : RetryingConsumerDefinition<StepDueChangedConsumer>(options);
