namespace WorkflowEngine.Runtime.Stores;

/// <summary>Someone else saved an application between our read and our write; the work is retried on fresh state.</summary>
public sealed class ConcurrencyException(Guid applicationId)
    : Exception($"Application {applicationId} was changed concurrently.")
{
    public Guid ApplicationId { get; } = applicationId;
}
