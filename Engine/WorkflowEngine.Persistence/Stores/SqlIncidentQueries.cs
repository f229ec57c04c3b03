using Dapper;
using WorkflowEngine.Persistence.Rows;
using WorkflowEngine.Runtime.Incidents;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>Incidents for administrators: newest first, by status.</summary>
public sealed class SqlIncidentQueries(Database database) : IIncidentQueries
{
    public async Task<IReadOnlyList<IncidentRecord>> ListAsync(string status, int limit, int offset, CancellationToken cancellationToken)
    {
        var filter = status == "all" ? "" : "WHERE status = @Status";
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<IncidentRow>(new CommandDefinition(
            $"SELECT {IncidentRow.Columns} FROM incidents {filter} ORDER BY raised_at DESC, id {database.Dialect.Page}",
            new { Status = status, Limit = limit, Offset = offset },
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToArray();
    }

    public async Task<IncidentRecord?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<IncidentRow>(new CommandDefinition(
            $"SELECT {IncidentRow.Columns} FROM incidents WHERE id = @Id",
            new { Id = id.ToString() },
            cancellationToken: cancellationToken))).SingleOrDefault()?.ToRecord();
    }

    public async Task<int> CountOpenAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM incidents WHERE status = 'open'", cancellationToken: cancellationToken));
    }
}
