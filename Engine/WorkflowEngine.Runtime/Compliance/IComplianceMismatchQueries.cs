namespace WorkflowEngine.Runtime.Compliance;

/// <summary>Reads the kept compliance views for administrators: where department hosts and the engine disagree.</summary>
public interface IComplianceMismatchQueries
{
    Task<ComplianceMismatchPage> ListAsync(ComplianceMismatchFilter filter, CancellationToken cancellationToken);
}
