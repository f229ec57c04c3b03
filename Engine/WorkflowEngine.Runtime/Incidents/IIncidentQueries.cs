namespace WorkflowEngine.Runtime.Incidents;

/// <summary>Reading incidents for administrators and for health.</summary>
public interface IIncidentQueries
{
    Task<IReadOnlyList<IncidentRecord>> ListAsync(string status, int limit, int offset, CancellationToken cancellationToken);

    Task<IncidentRecord?> GetAsync(Guid id, CancellationToken cancellationToken);

    Task<int> CountOpenAsync(CancellationToken cancellationToken);
}
