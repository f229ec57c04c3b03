using System.Data.Common;
using Dapper;
using WorkflowEngine.Runtime.Ratings;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>
/// The <c>ratings</c> table (one row per rated application), <c>rating_departments</c> (the departments each went
/// through) and <c>step_ratings</c> (its department steps' own ratings, 一事一评), read; they are written with their audit lines in the engine's transaction (<see cref="RatingSql"/>).
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
        // A rating matches when the overall rating does, or one of its step ratings (一事一评) does: a department's
        // step rating by its department, an overall one by every department the application went through.
        string Matches(string x) => ""
            + (filter.Level is null ? "" : $" AND {x}.level = @Level")
            + (filter.BadOnly ? $" AND {x}.level <= 2" : "")
            + (filter.OpenOnly ? $" AND {x}.follow_up IS NULL" : "");
        var where = "1 = 1"
            + (filter.ServiceId is null ? "" : " AND r.service_id = @ServiceId")
            + " AND ((1 = 1"
            + (filter.Department is null ? "" : " AND EXISTS (SELECT 1 FROM rating_departments d WHERE d.application_id = r.application_id AND d.department = @Department)")
            + Matches("r")
            + ") OR EXISTS (SELECT 1 FROM step_ratings s WHERE s.application_id = r.application_id"
            + (filter.Department is null ? "" : " AND s.department = @Department")
            + Matches("s")
            + "))";
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

    public async Task<int> CountAwaitingFollowUpAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (int)await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            SELECT (SELECT COUNT(*) FROM ratings r WHERE r.level <= 2 AND r.follow_up IS NULL)
                 + (SELECT COUNT(*) FROM step_ratings s WHERE s.level <= 2 AND s.follow_up IS NULL)
            """,
            cancellationToken: cancellationToken));
    }

    /// <remarks>
    /// 一事一评: where the applicant rated a department's own steps, those step ratings count for the department (one
    /// each), and the overall rating does not; where not, the overall rating counts once for each department the
    /// application went through, as it always did.
    /// </remarks>
    public Task<IReadOnlyList<Satisfaction>> ByDepartmentAsync(CancellationToken cancellationToken) =>
        SatisfactionAsync("r.department", """
            (SELECT s.department, s.level FROM step_ratings s
             UNION ALL
             SELECT d.department, o.level FROM ratings o JOIN rating_departments d ON d.application_id = o.application_id
             WHERE NOT EXISTS (SELECT 1 FROM step_ratings s WHERE s.application_id = d.application_id AND s.department = d.department)) r
            """, cancellationToken);

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

        var ids = new { Ids = ListParameter.Of(rows.Select(r => r.ApplicationId)) };
        var departments = (await connection.QueryAsync<(string ApplicationId, string Department)>(new CommandDefinition(
                $"SELECT application_id, department FROM rating_departments WHERE {database.Dialect.In("application_id", "@Ids")}",
                ids,
                cancellationToken: cancellationToken)))
            .ToLookup(d => d.ApplicationId, d => d.Department);
        var steps = (await connection.QueryAsync<StepRow>(new CommandDefinition(
                $"""
                SELECT application_id AS ApplicationId, step_id AS StepId, department AS Department, title AS Title, level AS Level, comment AS Comment,
                reason AS Reason, follow_up AS FollowUp, followed_up_by AS FollowedUpBy, followed_up_at AS FollowedUpAt
                FROM step_ratings WHERE {database.Dialect.In("application_id", "@Ids")}
                """,
                ids,
                cancellationToken: cancellationToken)))
            .ToLookup(s => s.ApplicationId, s => new StepRatingRecord
            {
                StepId = s.StepId,
                Department = s.Department,
                Title = s.Title,
                Level = (int)s.Level,
                Comment = s.Comment,
                Reason = s.Reason,
                FollowUp = s.FollowUp,
                FollowedUpBy = s.FollowedUpBy,
                FollowedUpAt = Instants.FromMs(s.FollowedUpAt),
            });
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
            Steps = [.. steps[r.ApplicationId].OrderBy(s => s.StepId, StringComparer.Ordinal)],
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

    private sealed class StepRow
    {
        public string ApplicationId { get; set; } = "";

        public string StepId { get; set; } = "";

        public string Department { get; set; } = "";

        public string Title { get; set; } = "";

        public long Level { get; set; }

        public string? Comment { get; set; }

        public string? Reason { get; set; }

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
