using Dapper;
using WorkflowEngine.Persistence.Rows;
using WorkflowEngine.Runtime.Applications;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>Reads the few applications whose <c>extension_approvers</c> names a department, through its partial index.</summary>
public sealed class SqlClockExtensionQueries(Database database) : IClockExtensionQueries
{
    public async Task<IReadOnlyList<ApplicationRecord>> AwaitingDecisionAsync(string approver, int limit, int offset, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ApplicationRow>(new CommandDefinition(
            $"""
            SELECT {ApplicationRow.Columns} FROM applications
            WHERE extension_approvers IS NOT NULL AND extension_approvers LIKE @Pattern
            ORDER BY submitted_at, id {database.Dialect.Page}
            """,
            new { Pattern = "%," + approver + ",%", Limit = limit, Offset = offset },
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToArray();
    }
}
