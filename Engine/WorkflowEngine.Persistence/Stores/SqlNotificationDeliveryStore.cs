using Dapper;
using WorkflowEngine.Persistence.Rows;
using WorkflowEngine.Runtime.Notifications;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>
/// The messages to applicants in SQL. Leasing is portable: the first due ids are read, then the span they cover is
/// taken in one update that takes only rows still due and free (a relay of another process that took one meanwhile
/// wins it: the update waits for its lock and then finds it held), then what this call took is read back.
/// </summary>
public sealed class SqlNotificationDeliveryStore(Database database) : INotificationDeliveryStore
{
    /// <summary>Written in the engine's transaction, with the notification the message carries.</summary>
    internal static BatchCommand<NotificationDelivery> Insert { get; } = new(
        """
        INSERT INTO notification_deliveries (application_id, tracking_number, kind, channel, recipient, subject, body, created_at, status, attempts, lease_until)
        VALUES (@ApplicationId, @TrackingNumber, @Kind, @Channel, @Recipient, @Subject, @Body, @CreatedAt, @Status, 0, 0)
        """,
        ("ApplicationId", d => d.ApplicationId.ToString()), ("TrackingNumber", d => d.TrackingNumber), ("Kind", d => d.Kind),
        ("Channel", d => d.Channel), ("Recipient", d => d.Recipient), ("Subject", d => d.Subject), ("Body", d => d.Body),
        ("CreatedAt", d => Instants.ToMs(d.CreatedAt)), ("Status", _ => DeliveryStatuses.Pending));

    public async Task<IReadOnlyList<NotificationDelivery>> LeaseAsync(string owner, DateTimeOffset now, TimeSpan leaseFor, int max, CancellationToken cancellationToken)
    {
        var until = Instants.ToMs(now + leaseFor);
        var args = new { Owner = owner, Now = Instants.ToMs(now), Until = until, Pending = DeliveryStatuses.Pending, Limit = max, Offset = 0, First = 0L, Last = 0L };
        await using var write = await database.BeginWriteAsync(cancellationToken);
        var due = (await write.Connection.QueryAsync<long>(new CommandDefinition(
            $"SELECT id FROM notification_deliveries WHERE status = @Pending AND lease_until <= @Now ORDER BY id {database.Dialect.Page}",
            args, write.Transaction, cancellationToken: cancellationToken))).ToArray();
        if (due.Length == 0)
        {
            await write.CommitAsync(cancellationToken);
            return [];
        }

        args = args with { First = due.Min(), Last = due.Max() };
        await write.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE notification_deliveries SET lease_owner = @Owner, lease_until = @Until
            WHERE id BETWEEN @First AND @Last AND status = @Pending AND lease_until <= @Now
            """,
            args, write.Transaction, cancellationToken: cancellationToken));
        var rows = await write.Connection.QueryAsync<NotificationDeliveryRow>(new CommandDefinition(
            $"SELECT {NotificationDeliveryRow.Columns} FROM notification_deliveries WHERE id BETWEEN @First AND @Last AND lease_owner = @Owner AND lease_until = @Until AND status = @Pending",
            args, write.Transaction, cancellationToken: cancellationToken));
        await write.CommitAsync(cancellationToken);
        return rows.OrderBy(r => r.Sequence).Select(r => r.ToRecord()).ToArray();
    }

    public async Task<bool> MarkSentAsync(string owner, long sequence, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);
        var changed = await write.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE notification_deliveries SET status = @Sent, attempts = attempts + 1, lease_owner = NULL, finished_at = @Now, last_error = NULL
            WHERE id = @Id AND lease_owner = @Owner AND status = @Pending
            """,
            new { Id = sequence, Owner = owner, Now = Instants.ToMs(now), Sent = DeliveryStatuses.Sent, Pending = DeliveryStatuses.Pending },
            write.Transaction,
            cancellationToken: cancellationToken));
        await write.CommitAsync(cancellationToken);
        return changed == 1;
    }

    public async Task MarkFailedAsync(string owner, long sequence, string error, DateTimeOffset? retryAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);
        await write.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE notification_deliveries SET status = @Status, attempts = attempts + 1, lease_owner = NULL, lease_until = @RetryAt,
                last_error = @Error, finished_at = @FinishedAt
            WHERE id = @Id AND lease_owner = @Owner AND status = @Pending
            """,
            new
            {
                Id = sequence,
                Owner = owner,
                Status = retryAt is null ? DeliveryStatuses.Failed : DeliveryStatuses.Pending,
                RetryAt = retryAt is { } at ? Instants.ToMs(at) : 0,
                Error = error.Length > 2000 ? error[..2000] : error,
                FinishedAt = retryAt is null ? Instants.ToMs(now) : (long?)null,
                Pending = DeliveryStatuses.Pending,
            },
            write.Transaction,
            cancellationToken: cancellationToken));
        await write.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<NotificationDelivery>> ListAsync(string? status, int limit, int offset, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var where = status is null ? "" : "WHERE status = @Status";
        var rows = await connection.QueryAsync<NotificationDeliveryRow>(new CommandDefinition(
            $"SELECT {NotificationDeliveryRow.Columns} FROM notification_deliveries {where} ORDER BY id DESC {database.Dialect.Page}",
            new { Status = status, Limit = limit, Offset = offset },
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToArray();
    }

    public async Task<bool> RetryAsync(long sequence, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);
        var changed = await write.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE notification_deliveries SET status = @Pending, attempts = 0, lease_owner = NULL, lease_until = @Now, finished_at = NULL
            WHERE id = @Id AND status = @Failed
            """,
            new { Id = sequence, Now = Instants.ToMs(now), Pending = DeliveryStatuses.Pending, Failed = DeliveryStatuses.Failed },
            write.Transaction,
            cancellationToken: cancellationToken));
        await write.CommitAsync(cancellationToken);
        return changed == 1;
    }
}
