namespace WorkflowEngine.Runtime.Audit;

/// <summary>
/// Records who read an application's personal data, and when (viewing it, downloading a material): lines of the
/// application's audit trail like any other, so they are in its hash chain.
/// </summary>
public interface IAccessLog
{
    Task RecordAsync(Guid applicationId, string actor, string what, IReadOnlyDictionary<string, string?>? detail, CancellationToken cancellationToken);
}
