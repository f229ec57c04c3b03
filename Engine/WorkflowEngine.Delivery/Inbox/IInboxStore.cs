namespace WorkflowEngine.Runtime.Inbox;

/// <summary>The inbox table's upkeep: the message ids consumers took are kept for a while, then let go.</summary>
public interface IInboxStore
{
    /// <summary>Deletes up to <paramref name="max"/> entries taken before <paramref name="before"/>; returns how many went.</summary>
    Task<int> PruneAsync(DateTimeOffset before, int max, CancellationToken cancellationToken);
}
