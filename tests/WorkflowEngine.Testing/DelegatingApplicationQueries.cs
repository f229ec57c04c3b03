using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Timers;

namespace WorkflowEngine.Testing;

/// <summary>
/// The application queries as they are, for a test to override the reads it watches or holds up (a counter, a write
/// between two reads), given to a host in place of the real ones.
/// </summary>
public abstract class DelegatingApplicationQueries(IApplicationQueries inner) : IApplicationQueries
{
    public virtual Task<IApplicationSnapshot> OpenSnapshotAsync(CancellationToken cancellationToken) => inner.OpenSnapshotAsync(cancellationToken);

    public virtual Task<ApplicationRecord?> GetAsync(Guid id, CancellationToken cancellationToken) => inner.GetAsync(id, cancellationToken);

    public virtual Task<ApplicationRecord?> FindByTrackingNumberAsync(string trackingNumber, CancellationToken cancellationToken) =>
        inner.FindByTrackingNumberAsync(trackingNumber, cancellationToken);

    public virtual Task<ApplicationRecord?> FindByIdempotencyKeyAsync(string applicantId, string idempotencyKey, CancellationToken cancellationToken) =>
        inner.FindByIdempotencyKeyAsync(applicantId, idempotencyKey, cancellationToken);

    public virtual Task<IReadOnlyList<ApplicationRecord>> ListByApplicantAsync(string applicantId, int limit, int offset, CancellationToken cancellationToken) =>
        inner.ListByApplicantAsync(applicantId, limit, offset, cancellationToken);

    public virtual Task<WalkInListPage> ListOpenWalkInsAsync(WalkInSearch search, int limit, int offset, CancellationToken cancellationToken) =>
        inner.ListOpenWalkInsAsync(search, limit, offset, cancellationToken);

    public virtual Task<IReadOnlyList<ApplicationRecord>> ListOpenAsync(Guid? after, int limit, CancellationToken cancellationToken) =>
        inner.ListOpenAsync(after, limit, cancellationToken);

    public virtual Task<IReadOnlyList<StepRecord>> StepsAsync(Guid applicationId, CancellationToken cancellationToken) => inner.StepsAsync(applicationId, cancellationToken);

    public virtual Task<IReadOnlyList<MaterialRecord>> MaterialsAsync(Guid applicationId, CancellationToken cancellationToken) => inner.MaterialsAsync(applicationId, cancellationToken);

    public virtual Task<IReadOnlyList<NotificationRecord>> NotificationsAsync(Guid applicationId, CancellationToken cancellationToken) =>
        inner.NotificationsAsync(applicationId, cancellationToken);

    public virtual Task<IReadOnlyList<CertificateRecord>> CertificatesAsync(Guid applicationId, CancellationToken cancellationToken) =>
        inner.CertificatesAsync(applicationId, cancellationToken);

    public virtual Task<IReadOnlyList<AuditRecord>> AuditAsync(Guid applicationId, CancellationToken cancellationToken) => inner.AuditAsync(applicationId, cancellationToken);

    public virtual Task<IReadOnlyList<TimerRecord>> TimersAsync(Guid applicationId, CancellationToken cancellationToken) => inner.TimersAsync(applicationId, cancellationToken);
}
