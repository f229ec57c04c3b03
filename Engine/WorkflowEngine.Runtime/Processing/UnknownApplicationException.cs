namespace WorkflowEngine.Runtime.Processing;

/// <summary>A message named an application that does not exist; it goes to the error queue for an administrator.</summary>
public sealed class UnknownApplicationException(Guid applicationId)
    : Exception($"No application {applicationId}.")
{
    public Guid ApplicationId { get; } = applicationId;
}
