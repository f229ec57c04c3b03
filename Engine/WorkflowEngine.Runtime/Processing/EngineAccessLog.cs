using WorkflowEngine.Runtime.Audit;

namespace WorkflowEngine.Runtime.Processing;

/// <summary>The engine's access log: each read is written through the application's commit loop, into its hash chain.</summary>
public sealed class EngineAccessLog(EngineProcessor engine) : IAccessLog
{
    public Task RecordAsync(Guid applicationId, string actor, string what, IReadOnlyDictionary<string, string?>? detail, CancellationToken cancellationToken) =>
        engine.RecordAccessAsync(applicationId, actor, what, detail, cancellationToken);
}
