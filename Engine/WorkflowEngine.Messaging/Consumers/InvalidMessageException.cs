namespace WorkflowEngine.Messaging.Consumers;

/// <summary>A message that can never be processed as sent (bad outcome, missing id); it goes straight to the error queue.</summary>
public sealed class InvalidMessageException(string message) : Exception(message);
