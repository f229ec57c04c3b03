namespace WorkflowEngine.Runtime.Ratings;

/// <summary>The ratings (好差评) of ended applications and their follow-ups.</summary>
public interface IRatingStore
{
    /// <summary>Stores the application's rating; false, storing nothing, when it has one already.</summary>
    Task<bool> AddAsync(RatingRecord rating, CancellationToken cancellationToken);

    Task<RatingRecord?> GetAsync(Guid applicationId, CancellationToken cancellationToken);

    Task<RatingPage> ListAsync(RatingFilter filter, CancellationToken cancellationToken);

    /// <summary>Records the follow-up of the rating once; false when there is no such rating or it was followed up already.</summary>
    Task<bool> FollowUpAsync(Guid applicationId, string note, string by, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Satisfaction by department (each rating counts for every department its application went through).</summary>
    Task<IReadOnlyList<Satisfaction>> ByDepartmentAsync(CancellationToken cancellationToken);

    /// <summary>Satisfaction by service.</summary>
    Task<IReadOnlyList<Satisfaction>> ByServiceAsync(CancellationToken cancellationToken);
}
