namespace WorkflowEngine.Runtime.Definitions;

/// <summary>Every version of every definition.</summary>
public interface IDefinitionStore
{
    /// <summary>All versions, without their source text.</summary>
    Task<IReadOnlyList<DefinitionRecord>> ListAsync(CancellationToken cancellationToken);

    Task<DefinitionRecord?> GetAsync(string id, int version, CancellationToken cancellationToken);

    /// <summary>The newest version ever published, whether still published or retired since.</summary>
    Task<DefinitionRecord?> GetLatestPublishedAsync(string id, CancellationToken cancellationToken);

    /// <summary>Replaces the id's open draft, or adds the next version as a draft.</summary>
    Task<DefinitionRecord> SaveDraftAsync(DefinitionRecord draft, CancellationToken cancellationToken);

    /// <summary>
    /// Publishes a draft; false when that version is not a draft (already published, or missing). Publishing, retiring
    /// and discarding each write a line to the administrators' audit (<c>admin_audit</c>) in their transaction.
    /// </summary>
    Task<bool> PublishAsync(string id, int version, DateTimeOffset at, string? by, CancellationToken cancellationToken);

    /// <summary>
    /// Retires a published version, recording when and by whom; false when that version is not published (a draft,
    /// retired already, or missing), and then the first retirement's record stands.
    /// </summary>
    Task<bool> RetireAsync(string id, int version, DateTimeOffset at, string? by, CancellationToken cancellationToken);

    /// <summary>Deletes a draft, recording when and by whom; false when that version is not a draft.</summary>
    Task<bool> DiscardDraftAsync(string id, int version, DateTimeOffset at, string? by, CancellationToken cancellationToken);
}
