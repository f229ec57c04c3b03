using WorkflowEngine.Messaging.Configuration;

namespace WorkflowEngine.Messaging.Consumers;

/// <summary>Steps from the engine on a department's queue: a step that fails to be stored is retried, then kept as a failed message.</summary>
public sealed class ExecuteStepConsumerDefinition(MessagingOptions options) : RetryingConsumerDefinition<ExecuteStepConsumer>(options);
