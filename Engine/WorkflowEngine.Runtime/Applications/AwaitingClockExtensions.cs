namespace WorkflowEngine.Runtime.Applications;

/// <summary>A page of the requests to extend a limit waiting for a department's decision; <see cref="More"/> when applications with more follow.</summary>
public sealed record AwaitingClockExtensions(IReadOnlyList<ClockExtensionView> Views, bool More);
