using Dapper;
using WorkflowEngine.Core.Compliance;
using WorkflowEngine.Persistence.Rows;
using WorkflowEngine.Runtime.Compliance;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>
/// The administrators' list of compliance disagreements: a range of the <c>step_compliance</c> key (its arrival time),
/// newest first, with the application's tracking number.
/// </summary>
public sealed class SqlComplianceMismatchQueries(Database database) : IComplianceMismatchQueries
{
    public async Task<ComplianceMismatchPage> ListAsync(ComplianceMismatchFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var where = "c.reported_at >= @From AND c.reported_at < @To"
            + (filter.Department is null ? "" : " AND c.department = @Department")
            + (filter.ServiceId is null ? "" : " AND c.service_id = @ServiceId")
            + filter.Kind switch
            {
                null => " AND c.kinds <> ''",
                ComplianceKinds.NotReported => " AND c.host_reported = 0",
                _ => " AND c.kinds LIKE @Kind",
            };
        var parameters = new
        {
            From = Instants.ToMs(filter.From),
            To = Instants.ToMs(filter.To),
            filter.Department,
            filter.ServiceId,
            Kind = filter.Kind is null ? null : $"%,{filter.Kind},%",
            filter.Offset,
            filter.Limit,
        };
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM step_compliance c WHERE {where}", parameters, cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<StepComplianceRow>(new CommandDefinition(
            $"""
            SELECT {StepComplianceRow.Columns}, a.tracking_number AS TrackingNumber
            FROM step_compliance c JOIN applications a ON a.id = c.application_id
            WHERE {where}
            ORDER BY c.reported_at DESC, c.application_id, c.step_id, c.attempt
            {database.Dialect.Page}
            """,
            parameters,
            cancellationToken: cancellationToken));
        return new ComplianceMismatchPage(rows.Select(r => new ListedCompliance(r.ToRecord(), r.TrackingNumber ?? "")).ToArray(), (int)total);
    }}
