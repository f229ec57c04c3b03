using WorkflowEngine.Runtime.Timers;

namespace WorkflowEngine.Runtime.Applications;

/// <summary>What the tracking pages and the API read about applications.</summary>
public interface IApplicationQueries
{
    /// <summary>Opens reads that all see one committed state: for an answer built from more than one query.</summary>
    Task<IApplicationSnapshot> OpenSnapshotAsync(CancellationToken cancellationToken);

    Task<ApplicationRecord?> GetAsync(Guid id, CancellationToken cancellationToken);

    Task<ApplicationRecord?> FindByTrackingNumberAsync(string trackingNumber, CancellationToken cancellationToken);

    /// <summary>The application an applicant submitted under an idempotency key.</summary>
    Task<ApplicationRecord?> FindByIdempotencyKeyAsync(string applicantId, string idempotencyKey, CancellationToken cancellationToken);

    Task<IReadOnlyList<ApplicationRecord>> ListByApplicantAsync(string applicantId, int limit, int offset, CancellationToken cancellationToken);

    /// <summary>
    /// A page of the applications taken in at a window (<see cref="WalkInIntake"/>) that are not finished (awaiting
    /// materials, in progress, or held by an incident), newest first, narrowed by <paramref name="search"/>, with how many
    /// match in all: what window staff may act on for the citizens. One query, of the listed columns only.
    /// </summary>
    Task<WalkInListPage> ListOpenWalkInsAsync(WalkInSearch search, int limit, int offset, CancellationToken cancellationToken);

    /// <summary>
    /// Applications whose flow runs (in progress, or held by an incident), and finished ones still awaiting the
    /// verification of a step approved on commitment (事后核查) or with a step (such as that verification) still at its
    /// department, by id after <paramref name="after"/>: what a changed
    /// calendar recounts, read a page at a time.
    /// </summary>
    Task<IReadOnlyList<ApplicationRecord>> ListOpenAsync(Guid? after, int limit, CancellationToken cancellationToken);

    Task<IReadOnlyList<StepRecord>> StepsAsync(Guid applicationId, CancellationToken cancellationToken);

    Task<IReadOnlyList<MaterialRecord>> MaterialsAsync(Guid applicationId, CancellationToken cancellationToken);

    Task<IReadOnlyList<NotificationRecord>> NotificationsAsync(Guid applicationId, CancellationToken cancellationToken);

    Task<IReadOnlyList<CertificateRecord>> CertificatesAsync(Guid applicationId, CancellationToken cancellationToken);

    Task<IReadOnlyList<AuditRecord>> AuditAsync(Guid applicationId, CancellationToken cancellationToken);

    Task<IReadOnlyList<TimerRecord>> TimersAsync(Guid applicationId, CancellationToken cancellationToken);
}
