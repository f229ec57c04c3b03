namespace WorkflowEngine.Runtime.Applications;

/// <summary>Finds the applications with a request to extend the bundle's or a stage's clock waiting for a department's decision.</summary>
public interface IClockExtensionQueries
{
    /// <summary>Oldest submitted first: <paramref name="limit"/> of them from <paramref name="offset"/> on.</summary>
    Task<IReadOnlyList<ApplicationRecord>> AwaitingDecisionAsync(string approver, int limit, int offset, CancellationToken cancellationToken);
}
