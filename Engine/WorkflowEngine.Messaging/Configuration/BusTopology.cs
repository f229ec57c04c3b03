namespace WorkflowEngine.Messaging.Configuration;

/// <summary>Which endpoints this process serves: the engine's report queue, and which departments' queues.</summary>
public sealed record BusTopology(bool ServesEngine, IReadOnlyCollection<string> Departments);
