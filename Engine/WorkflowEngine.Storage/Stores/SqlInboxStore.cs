using Dapper;
using WorkflowEngine.Runtime.Inbox;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>The inbox table's upkeep: deletes entries past their retention, oldest first.</summary>
public sealed class SqlInboxStore(Database database) : IInboxStore
{
    public async Task<int> PruneAsync(DateTimeOffset before, int max, CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);
        var pruned = await write.Connection.ExecuteAsync(new CommandDefinition(
            database.Dialect.PruneInbox, new { Before = Instants.ToMs(before), Max = max }, write.Transaction, cancellationToken: cancellationToken));
        await write.CommitAsync(cancellationToken);
        return pruned;
    }
}
