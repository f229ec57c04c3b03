namespace WorkflowEngine.Runtime.Ratings;

/// <summary>
/// The ratings (好差评) of ended applications and their follow-ups, read. They are written by the engine, each with its
/// audit line in one transaction (<see cref="Processing.EngineProcessor.RateAsync"/>).
/// </summary>
public interface IRatingStore
{
    Task<RatingRecord?> GetAsync(Guid applicationId, CancellationToken cancellationToken);

    Task<RatingPage> ListAsync(RatingFilter filter, CancellationToken cancellationToken);

    /// <summary>
    /// The bad ratings awaiting a follow-up (差评待整改), each counted on its own: an application's overall rating and
    /// each of its step ratings (一事一评) is followed up separately, so each is one more to do.
    /// </summary>
    Task<int> CountAwaitingFollowUpAsync(CancellationToken cancellationToken);

    /// <summary>Satisfaction by department (each rating counts for every department its application went through).</summary>
    Task<IReadOnlyList<Satisfaction>> ByDepartmentAsync(CancellationToken cancellationToken);

    /// <summary>Satisfaction by service.</summary>
    Task<IReadOnlyList<Satisfaction>> ByServiceAsync(CancellationToken cancellationToken);
}
