using System.Data.Common;
using Dapper;
using WorkflowEngine.Persistence.Dialects;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>The inbox, shared by the engine's and the departments' stores: which message ids a consumer has taken.</summary>
internal sealed class InboxSql(ISqlDialect dialect)
{
    public BatchCommand<(string Consumer, string MessageId, long At)> Insert { get; } = new(
        dialect.InsertIgnore("inbox", "consumer, message_id, processed_at", "@Consumer, @MessageId, @At", "consumer, message_id"),
        ("Consumer", m => m.Consumer),
        ("MessageId", m => m.MessageId),
        ("At", m => m.At));

    public static async Task<IReadOnlySet<string>> FindProcessedAsync(
        DbConnection connection, ISqlDialect dialect, string consumer, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT message_id FROM inbox WHERE consumer = @Consumer AND {dialect.In("message_id", "@Ids")}",
            new { Consumer = consumer, Ids = ListParameter.Of(messageIds) },
            cancellationToken: cancellationToken))).ToHashSet(StringComparer.Ordinal);
}
