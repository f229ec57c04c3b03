namespace WorkflowEngine.Runtime.Compliance;

/// <summary>Reads every kept compliance report of an application: the host's figures beside the engine's, agreeing or not.</summary>
public interface IStepReportQueries
{
    /// <summary>The application's reports, by step, attempt and arrival.</summary>
    Task<IReadOnlyList<StepComplianceRecord>> ForApplicationAsync(Guid applicationId, CancellationToken cancellationToken);
}
