using Dapper;
using WorkflowEngine.Persistence.Rows;
using WorkflowEngine.Runtime.Compliance;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>An application's compliance reports: a range of the <c>step_reports</c> key.</summary>
public sealed class SqlStepReportQueries(Database database) : IStepReportQueries
{
    public async Task<IReadOnlyList<StepComplianceRecord>> ForApplicationAsync(Guid applicationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<StepComplianceRow>(new CommandDefinition(
            $"""
            SELECT {StepComplianceRow.Columns}
            FROM step_reports c
            WHERE c.application_id = @ApplicationId
            ORDER BY c.step_id, c.attempt, c.reported_at
            """,
            new { ApplicationId = applicationId.ToString() },
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToArray();
    }
}
