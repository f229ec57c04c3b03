namespace WorkflowEngine.Runtime.Applications;

/// <summary>Finds the applications with a request to extend the bundle's or a stage's clock waiting for a department's decision.</summary>
public interface IClockExtensionQueries
{
    /// <summary>Oldest submitted first.</summary>
    Task<IReadOnlyList<ApplicationRecord>> AwaitingDecisionAsync(string approver, int limit, CancellationToken cancellationToken);
}
