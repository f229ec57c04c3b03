using System.Data.Common;
using System.Globalization;
using Dapper;
using WorkflowEngine.Persistence.Dialects;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>The inbox, shared by the engine's and the departments' stores: which message ids a consumer has taken.</summary>
internal sealed class InboxSql(ISqlDialect dialect)
{
    /// <summary>
    /// How far from its processing a message id's time may lie for the prune to find the entry by its id: an entry whose
    /// id was made up to this long after it was processed (a sender's clock ahead) is kept up to this long past the retention.
    /// </summary>
    public const long IdTimeTolerance = 60 * 60 * 1000;

    public BatchCommand<(string Consumer, string MessageId, long At)> Insert { get; } = new(
        dialect.InsertIgnore("inbox", "consumer, message_id, processed_at, pruned_by_id", "@Consumer, @MessageId, @At, @PrunedById", "consumer, message_id"),
        ("Consumer", m => m.Consumer),
        ("MessageId", m => m.MessageId),
        ("At", m => m.At),
        ("PrunedById", m => PrunedById(m.MessageId, m.At)));

    public static async Task<IReadOnlySet<string>> FindProcessedAsync(
        DbConnection connection, ISqlDialect dialect, string consumer, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT message_id FROM inbox WHERE consumer = @Consumer AND {dialect.In("message_id", "@Ids")}",
            new { Consumer = consumer, Ids = ListParameter.Of(messageIds) },
            cancellationToken: cancellationToken))).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// 1 when the prune finds the entry in its consumer's range of the key (<see cref="ISqlDialect.PruneInboxById"/>): the
    /// id is a version-7 UUID in its canonical text (lower-case, as the outboxes write them), whose leading 48 bits are
    /// the millisecond it was made and sort as its text does, made within <see cref="IdTimeTolerance"/> of
    /// <paramref name="processedAt"/>. Otherwise 0: the entry goes into <c>ix_inbox_processed_at</c> (partial, SQLite 0075).
    /// </summary>
    public static int PrunedById(string messageId, long processedAt)
    {
        if (messageId.Length != 36
            || messageId.AsSpan().ContainsAnyInRange('A', 'Z')
            || !Guid.TryParseExact(messageId, "D", out var id)
            || id.Version != 7
            || !long.TryParse(messageId.AsSpan(0, 8), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var high)
            || !long.TryParse(messageId.AsSpan(9, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var low))
        {
            return 0;
        }

        var madeAt = (high << 16) | low;
        return Math.Abs(processedAt - madeAt) <= IdTimeTolerance ? 1 : 0;
    }

    /// <summary>
    /// The least canonical version-7 id text of the millisecond <paramref name="at"/>: every such id made earlier sorts
    /// before it, every one made then or later at or after it.
    /// </summary>
    public static string IdBound(long at) =>
        string.Create(CultureInfo.InvariantCulture, $"{at >> 16:x8}-{at & 0xffff:x4}-0000-0000-000000000000");
}
