using System.Data.Common;
using Dapper;
using WorkflowEngine.Persistence.Dialects;
using WorkflowEngine.Runtime.Ratings;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>
/// The writes of the ratings (好差评) and their follow-ups (整改), made in the engine's transaction with their audit lines
/// (<see cref="SqlEngineStore"/>); <see cref="SqlRatingStore"/> reads them.
/// </summary>
internal sealed class RatingSql(ISqlDialect dialect)
{
    /// <summary>Affects no row when the application is rated already: a guard, the table's key keeping a rating to one.</summary>
    public BatchCommand<RatingRecord> Insert { get; } = new(
        dialect.InsertIgnore(
            "ratings",
            "application_id, tracking_number, service_id, level, comment, reason, rated_by, on_behalf_of, rated_at",
            "@ApplicationId, @TrackingNumber, @ServiceId, @Level, @Comment, @Reason, @RatedBy, @OnBehalfOf, @RatedAt",
            "application_id"),
        ("ApplicationId", r => r.ApplicationId.ToString()), ("TrackingNumber", r => r.TrackingNumber), ("ServiceId", r => r.ServiceId),
        ("Level", r => r.Level), ("Comment", r => r.Comment), ("Reason", r => r.Reason), ("RatedBy", r => r.RatedBy),
        ("OnBehalfOf", r => r.OnBehalfOf), ("RatedAt", r => Instants.ToMs(r.RatedAt)));

    public static BatchCommand<(Guid ApplicationId, string Department)> InsertDepartment { get; } = new(
        "INSERT INTO rating_departments (application_id, department) VALUES (@ApplicationId, @Department)",
        ("ApplicationId", d => d.ApplicationId.ToString()), ("Department", d => d.Department));

    /// <summary>
    /// A rating of one step (一事一评), written with its application's rating or on its own before or after it; with the
    /// application's tracking number and service, which the list and the service's satisfaction read where there is no
    /// overall rating (yet).
    /// </summary>
    public static BatchCommand<(Guid ApplicationId, string TrackingNumber, string ServiceId, StepRatingRecord Step)> InsertStep { get; } = new(
        "INSERT INTO step_ratings (application_id, step_id, department, title, level, comment, reason, tracking_number, service_id, rated_by, on_behalf_of, rated_at) "
        + "VALUES (@ApplicationId, @StepId, @Department, @Title, @Level, @Comment, @Reason, @TrackingNumber, @ServiceId, @RatedBy, @OnBehalfOf, @RatedAt)",
        ("ApplicationId", s => s.ApplicationId.ToString()), ("StepId", s => s.Step.StepId), ("Department", s => s.Step.Department),
        ("Title", s => s.Step.Title), ("Level", s => s.Step.Level), ("Comment", s => s.Step.Comment), ("Reason", s => s.Step.Reason),
        ("TrackingNumber", s => s.TrackingNumber), ("ServiceId", s => s.ServiceId), ("RatedBy", s => s.Step.RatedBy),
        ("OnBehalfOf", s => s.Step.OnBehalfOf), ("RatedAt", s => Instants.ToMs(s.Step.RatedAt)));

    /// <summary>Affects no row when there is no rating or its follow-up is recorded already: a guard, keeping a follow-up to one.</summary>
    public static BatchCommand<RatingFollowUp> FollowUp { get; } = new(
        "UPDATE ratings SET follow_up = @Note, followed_up_by = @By, followed_up_at = @At WHERE application_id = @ApplicationId AND follow_up IS NULL",
        ("Note", f => f.Note), ("By", f => f.By), ("At", f => Instants.ToMs(f.At)), ("ApplicationId", f => f.ApplicationId.ToString()));

    /// <summary>The follow-up of one step's rating; a guard as <see cref="FollowUp"/> is.</summary>
    public static BatchCommand<RatingFollowUp> FollowUpStep { get; } = new(
        "UPDATE step_ratings SET follow_up = @Note, followed_up_by = @By, followed_up_at = @At "
        + "WHERE application_id = @ApplicationId AND step_id = @StepId AND follow_up IS NULL",
        ("Note", f => f.Note), ("By", f => f.By), ("At", f => Instants.ToMs(f.At)), ("ApplicationId", f => f.ApplicationId.ToString()),
        ("StepId", f => f.StepId));

    /// <summary>The ratings of <paramref name="applicationIds"/>, overall ("") and by step, each with whether its follow-up is recorded.</summary>
    public static async Task<IReadOnlyDictionary<(Guid ApplicationId, string Step), bool>> FindRatedAsync(
        DbConnection connection, ISqlDialect dialect, IReadOnlyCollection<Guid> applicationIds, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<(string ApplicationId, string Step, string? FollowUp)>(new CommandDefinition(
            $"""
            SELECT application_id, '' AS step, follow_up FROM ratings WHERE {dialect.In("application_id", "@Ids")}
            UNION ALL
            SELECT application_id, step_id AS step, follow_up FROM step_ratings WHERE {dialect.In("application_id", "@Ids")}
            """,
            new { Ids = ListParameter.Of(applicationIds) },
            cancellationToken: cancellationToken)))
        .ToDictionary(r => (Guid.Parse(r.ApplicationId), r.Step), r => r.FollowUp is not null);
}
