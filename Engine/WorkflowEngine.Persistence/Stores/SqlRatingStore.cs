using System.Data.Common;
using Dapper;
using WorkflowEngine.Runtime.Ratings;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>
/// The <c>ratings</c> table (one row per rated application) and <c>rating_departments</c> (the departments each went
/// through), read; they are written with their audit lines in the engine's transaction (<see cref="RatingSql"/>).
/// </summary>
public sealed class SqlRatingStore(Database database) : IRatingStore
{
    private const string Columns =
        "r.application_id AS ApplicationId, r.tracking_number AS TrackingNumber, r.service_id AS ServiceId, r.level AS Level, r.comment AS Comment, "
        + "r.reason AS Reason, r.rated_by AS RatedBy, r.on_behalf_of AS OnBehalfOf, r.rated_at AS RatedAt, r.follow_up AS FollowUp, "
        + "r.followed_up_by AS FollowedUpBy, r.followed_up_at AS FollowedUpAt";

    public async Task<RatingRecord?> GetAsync(Guid applicationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM ratings r WHERE r.application_id = @Id", new { Id = applicationId.ToString() }, cancellationToken: cancellationToken));
        return (await WithDepartmentsAsync(connection, rows.ToArray(), cancellationToken)).SingleOrDefault();
    }

    public async Task<RatingPage> ListAsync(RatingFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var where = "1 = 1"
            + (filter.ServiceId is null ? "" : " AND r.service_id = @ServiceId")
            + (filter.Department is null ? "" : " AND EXISTS (SELECT 1 FROM rating_departments d WHERE d.application_id = r.application_id AND d.department = @Department)")
            + (filter.Level is null ? "" : " AND r.level = @Level")
            + (filter.BadOnly ? " AND r.level <= 2" : "")
            + (filter.OpenOnly ? " AND r.follow_up IS NULL" : "");
        var parameters = new { filter.ServiceId, filter.Department, filter.Level, filter.Offset, filter.Limit };
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM ratings r WHERE {where}", parameters, cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM ratings r WHERE {where} ORDER BY r.rated_at DESC, r.application_id {database.Dialect.Page}",
            parameters,
            cancellationToken: cancellationToken));
        return new RatingPage(await WithDepartmentsAsync(connection, rows.ToArray(), cancellationToken), (int)total);
    }

    public Task<IReadOnlyList<Satisfaction>> ByDepartmentAsync(CancellationToken cancellationToken) =>
        SatisfactionAsync("d.department", "ratings r JOIN rating_departments d ON d.application_id = r.application_id", cancellationToken);

    public Task<IReadOnlyList<Satisfaction>> ByServiceAsync(CancellationToken cancellationToken) =>
        SatisfactionAsync("r.service_id", "ratings r", cancellationToken);

    private async Task<IReadOnlyList<Satisfaction>> SatisfactionAsync(string key, string from, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SatisfactionRow>(new CommandDefinition(
            $"""
            SELECT {key} AS Name, COUNT(*) AS Ratings, SUM(CASE WHEN r.level >= {RatingLevels.Satisfied} THEN 1 ELSE 0 END) AS Satisfied
            FROM {from} GROUP BY {key} ORDER BY {key}
            """,
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => new Satisfaction(r.Name, (int)r.Ratings, (int)r.Satisfied))];
    }

    private async Task<RatingRecord[]> WithDepartmentsAsync(DbConnection connection, Row[] rows, CancellationToken cancellationToken)
    {
        if (rows.Length == 0)
        {
            return [];
        }

        var departments = (await connection.QueryAsync<(string ApplicationId, string Department)>(new CommandDefinition(
                $"SELECT application_id, department FROM rating_departments WHERE {database.Dialect.In("application_id", "@Ids")}",
                new { Ids = ListParameter.Of(rows.Select(r => r.ApplicationId)) },
                cancellationToken: cancellationToken)))
            .ToLookup(d => d.ApplicationId, d => d.Department);
        return [.. rows.Select(r => new RatingRecord
        {
            ApplicationId = Guid.Parse(r.ApplicationId),
            TrackingNumber = r.TrackingNumber,
            ServiceId = r.ServiceId,
            Level = (int)r.Level,
            Comment = r.Comment,
            Reason = r.Reason,
            RatedBy = r.RatedBy,
            OnBehalfOf = r.OnBehalfOf,
            RatedAt = Instants.FromMs(r.RatedAt),
            Departments = [.. departments[r.ApplicationId].Order(StringComparer.Ordinal)],
            FollowUp = r.FollowUp,
            FollowedUpBy = r.FollowedUpBy,
            FollowedUpAt = Instants.FromMs(r.FollowedUpAt),
        })];
    }

    private sealed class Row
    {
        public string ApplicationId { get; set; } = "";

        public string TrackingNumber { get; set; } = "";

        public string ServiceId { get; set; } = "";

        public long Level { get; set; }

        public string? Comment { get; set; }

        public string? Reason { get; set; }

        public string RatedBy { get; set; } = "";

        public string? OnBehalfOf { get; set; }

        public long RatedAt { get; set; }

        public string? FollowUp { get; set; }

        public string? FollowedUpBy { get; set; }

        public long? FollowedUpAt { get; set; }
    }

    private sealed class SatisfactionRow
    {
        public string Name { get; set; } = "";

        public long Ratings { get; set; }

        public long Satisfied { get; set; }
    }
}
