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

    /// <summary>Affects no row when there is no rating or its follow-up is recorded already: a guard, keeping a follow-up to one.</summary>
    public static BatchCommand<RatingFollowUp> FollowUp { get; } = new(
        "UPDATE ratings SET follow_up = @Note, followed_up_by = @By, followed_up_at = @At WHERE application_id = @ApplicationId AND follow_up IS NULL",
        ("Note", f => f.Note), ("By", f => f.By), ("At", f => Instants.ToMs(f.At)), ("ApplicationId", f => f.ApplicationId.ToString()));

    /// <summary>Which of <paramref name="applicationIds"/> are rated, each with whether its follow-up is recorded.</summary>
    public static async Task<IReadOnlyDictionary<Guid, bool>> FindRatedAsync(
        DbConnection connection, ISqlDialect dialect, IReadOnlyCollection<Guid> applicationIds, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<(string ApplicationId, string? FollowUp)>(new CommandDefinition(
            $"SELECT application_id, follow_up FROM ratings WHERE {dialect.In("application_id", "@Ids")}",
            new { Ids = ListParameter.Of(applicationIds) },
            cancellationToken: cancellationToken)))
        .ToDictionary(r => Guid.Parse(r.ApplicationId), r => r.FollowUp is not null);
}
