using System.Data.Common;
using Dapper;
using WorkflowEngine.Runtime.Ratings;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>
/// The <c>ratings</c> table (one row per application rated as a whole), <c>rating_departments</c> (the departments each
/// went through) and <c>step_ratings</c> (its department steps' own ratings, 一事一评, given with the overall rating or on
/// their own before or after it), read; they are written with their audit lines in the engine's transaction (<see cref="RatingSql"/>).
/// </summary>
/// <remarks>
/// An application with step ratings and no overall rating yet is an entry of its own (<see cref="RatingRecord.Level"/>
/// null), at the time of its first step rating: every read below starts from <see cref="Entries"/>, never from
/// <c>ratings</c> alone, so that a step rated as soon as it was decided is listed, counted and followed up at once.
/// </remarks>
public sealed class SqlRatingStore(Database database) : IRatingStore
{
    private const string Columns =
        "e.application_id AS ApplicationId, e.tracking_number AS TrackingNumber, e.service_id AS ServiceId, r.level AS Level, r.comment AS Comment, "
        + "r.reason AS Reason, r.rated_by AS RatedBy, r.on_behalf_of AS OnBehalfOf, e.rated_at AS RatedAt, r.follow_up AS FollowUp, "
        + "r.followed_up_by AS FollowedUpBy, r.followed_up_at AS FollowedUpAt";

    /// <summary>
    /// Every rated application once (<c>e</c>): those rated as a whole, at their overall rating's time, and those with
    /// only step ratings, at their first one's; with the overall rating (<c>r</c>) where there is one.
    /// </summary>
    private const string Entries = """
        (SELECT o.application_id, o.tracking_number, o.service_id, o.rated_at FROM ratings o
         UNION ALL
         SELECT s.application_id, MAX(s.tracking_number), MAX(s.service_id), MIN(s.rated_at) FROM step_ratings s
         WHERE NOT EXISTS (SELECT 1 FROM ratings o WHERE o.application_id = s.application_id)
         GROUP BY s.application_id) e
        LEFT JOIN ratings r ON r.application_id = e.application_id
        """;

    public async Task<RatingRecord?> GetAsync(Guid applicationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM {Entries} WHERE e.application_id = @Id", new { Id = applicationId.ToString() }, cancellationToken: cancellationToken));
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
            + (filter.ServiceId is null ? "" : " AND e.service_id = @ServiceId")
            + " AND ((r.level IS NOT NULL"
            + (filter.Department is null ? "" : " AND EXISTS (SELECT 1 FROM rating_departments d WHERE d.application_id = r.application_id AND d.department = @Department)")
            + Matches("r")
            + ") OR EXISTS (SELECT 1 FROM step_ratings s WHERE s.application_id = e.application_id"
            + (filter.Department is null ? "" : " AND s.department = @Department")
            + Matches("s")
            + "))";
        var parameters = new { filter.ServiceId, filter.Department, filter.Level, filter.Offset, filter.Limit };
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM {Entries} WHERE {where}", parameters, cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM {Entries} WHERE {where} ORDER BY e.rated_at DESC, e.application_id {database.Dialect.Page}",
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
    /// each), with or without an overall rating, and the overall rating does not; where not, the overall rating counts
    /// once for each department the application went through, as it always did.
    /// </remarks>
    public Task<IReadOnlyList<Satisfaction>> ByDepartmentAsync(CancellationToken cancellationToken) =>
        SatisfactionAsync("r.department", """
            (SELECT s.department, s.level FROM step_ratings s
             UNION ALL
             SELECT d.department, o.level FROM ratings o JOIN rating_departments d ON d.application_id = o.application_id
             WHERE NOT EXISTS (SELECT 1 FROM step_ratings s WHERE s.application_id = d.application_id AND s.department = d.department)) r
            """, cancellationToken);

    /// <remarks>
    /// The overall rating counts for its service; an application rated only step by step so far (一事一评) counts by its
    /// step ratings, one each, until its overall rating replaces them.
    /// </remarks>
    public Task<IReadOnlyList<Satisfaction>> ByServiceAsync(CancellationToken cancellationToken) =>
        SatisfactionAsync("r.service_id", """
            (SELECT o.service_id, o.level FROM ratings o
             UNION ALL
             SELECT s.service_id, s.level FROM step_ratings s
             WHERE NOT EXISTS (SELECT 1 FROM ratings o WHERE o.application_id = s.application_id)) r
            """, cancellationToken);

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
                reason AS Reason, rated_by AS RatedBy, on_behalf_of AS OnBehalfOf, rated_at AS RatedAt, follow_up AS FollowUp,
                followed_up_by AS FollowedUpBy, followed_up_at AS FollowedUpAt
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
                RatedBy = s.RatedBy,
                OnBehalfOf = s.OnBehalfOf,
                RatedAt = Instants.FromMs(s.RatedAt),
                FollowUp = s.FollowUp,
                FollowedUpBy = s.FollowedUpBy,
                FollowedUpAt = Instants.FromMs(s.FollowedUpAt),
            });
        return [.. rows.Select(r =>
        {
            var rated = steps[r.ApplicationId].OrderBy(s => s.StepId, StringComparer.Ordinal).ToArray();
            // Rated only step by step so far: the entry is its first step rating's, and names the steps' departments.
            var first = r.Level is null ? rated.OrderBy(s => s.RatedAt).FirstOrDefault() : null;
            return new RatingRecord
            {
                ApplicationId = Guid.Parse(r.ApplicationId),
                TrackingNumber = r.TrackingNumber,
                ServiceId = r.ServiceId,
                Level = (int?)r.Level,
                Comment = r.Comment,
                Reason = r.Reason,
                RatedBy = r.RatedBy ?? first?.RatedBy ?? "",
                OnBehalfOf = r.Level is null ? first?.OnBehalfOf : r.OnBehalfOf,
                RatedAt = Instants.FromMs(r.RatedAt),
                Departments = r.Level is null
                    ? [.. rated.Select(s => s.Department).Distinct().Order(StringComparer.Ordinal)]
                    : [.. departments[r.ApplicationId].Order(StringComparer.Ordinal)],
                Steps = rated,
                FollowUp = r.FollowUp,
                FollowedUpBy = r.FollowedUpBy,
                FollowedUpAt = Instants.FromMs(r.FollowedUpAt),
            };
        })];
    }

    private sealed class Row
    {
        public string ApplicationId { get; set; } = "";

        public string TrackingNumber { get; set; } = "";

        public string ServiceId { get; set; } = "";

        public long? Level { get; set; }

        public string? Comment { get; set; }

        public string? Reason { get; set; }

        /// <summary>Null when the application is rated only step by step so far.</summary>
        public string? RatedBy { get; set; }

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

        public string? RatedBy { get; set; }

        public string? OnBehalfOf { get; set; }

        public long? RatedAt { get; set; }

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
