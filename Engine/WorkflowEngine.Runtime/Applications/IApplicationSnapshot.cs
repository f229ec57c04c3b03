namespace WorkflowEngine.Runtime.Applications;

/// <summary>
/// Reads of applications that all see one committed state, however many commits land between them: what builds one
/// answer (an application with its steps, materials and notices, or its audit trail against its chain's head) reads
/// here, so that it never shows a step approved on a commitment not yet signed.
/// </summary>
public interface IApplicationSnapshot : IAsyncDisposable
{
    Task<ApplicationRecord?> GetAsync(Guid id, CancellationToken cancellationToken);

    Task<IReadOnlyList<StepRecord>> StepsAsync(Guid applicationId, CancellationToken cancellationToken);

    Task<IReadOnlyList<MaterialRecord>> MaterialsAsync(Guid applicationId, CancellationToken cancellationToken);

    Task<IReadOnlyList<NotificationRecord>> NotificationsAsync(Guid applicationId, CancellationToken cancellationToken);

    Task<IReadOnlyList<CertificateRecord>> CertificatesAsync(Guid applicationId, CancellationToken cancellationToken);

    Task<IReadOnlyList<AuditRecord>> AuditAsync(Guid applicationId, CancellationToken cancellationToken);
}
