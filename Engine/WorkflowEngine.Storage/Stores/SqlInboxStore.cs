using Dapper;
using WorkflowEngine.Runtime.Inbox;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>The inbox table's upkeep: deletes entries past their retention, oldest first.</summary>
public sealed class SqlInboxStore(Database database) : IInboxStore
{
    /// <summary>
    /// Entries are found two ways (SQLite 0075): those whose id is not ordered by time through <c>ix_inbox_processed_at</c>,
    /// oldest first, and the rest, consumer by consumer, in the key's range of ids made before <paramref name="before"/>.
    /// Either way only entries taken before <paramref name="before"/> go.
    /// </summary>
    public async Task<int> PruneAsync(DateTimeOffset before, int max, CancellationToken cancellationToken)
    {
        var at = Instants.ToMs(before);
        var dialect = database.Dialect;
        await using var write = await database.BeginWriteAsync(cancellationToken);
        var pruned = await write.Connection.ExecuteAsync(new CommandDefinition(
            dialect.PruneInbox, new { Before = at, Max = max }, write.Transaction, cancellationToken: cancellationToken));
        if (pruned < max)
        {
            var consumers = await write.Connection.QueryAsync<string>(new CommandDefinition(
                dialect.InboxConsumers, transaction: write.Transaction, cancellationToken: cancellationToken));
            var bound = InboxSql.IdBound(at);
            foreach (var consumer in consumers.ToList())
            {
                pruned += await write.Connection.ExecuteAsync(new CommandDefinition(
                    dialect.PruneInboxById,
                    new { Consumer = consumer, Bound = bound, Before = at, Max = max - pruned },
                    write.Transaction,
                    cancellationToken: cancellationToken));
                if (pruned >= max)
                {
                    break;
                }
            }
        }

        await write.CommitAsync(cancellationToken);
        return pruned;
    }
}
