namespace WorkflowEngine.Runtime.Ratings;

/// <summary>
/// The ratings (好差评) of ended applications and their follow-ups, read. They are written by the engine, each with its
/// audit line in one transaction (<see cref="Processing.EngineProcessor.RateAsync"/>).
/// </summary>
public interface IRatingStore
{
    Task<RatingRecord?> GetAsync(Guid applicationId, CancellationToken cancellationToken);

    Task<RatingPage> ListAsync(RatingFilter filter, CancellationToken cancellationToken);

    /// <summary>Satisfaction by department (each rating counts for every department its application went through).</summary>
    Task<IReadOnlyList<Satisfaction>> ByDepartmentAsync(CancellationToken cancellationToken);

    /// <summary>Satisfaction by service.</summary>
    Task<IReadOnlyList<Satisfaction>> ByServiceAsync(CancellationToken cancellationToken);
}
