namespace WorkflowEngine.Runtime.Notifications;

/// <summary>The channel refused a message for a reason that would not go away on a retry: it fails at once.</summary>
public sealed class NotificationRejectedException(string message, Exception? inner = null) : Exception(message, inner);
