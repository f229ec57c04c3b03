using Dapper;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>The <c>unknown_sign_in_names</c> table.</summary>
public sealed class SqlUnknownNameLockouts(Database database) : IUnknownNameLockouts
{
    /// <summary>
    /// How long the failures of a name not locked are kept after its last one. Older rows are deleted as failures are
    /// written, so that a stream of made-up names grows the table by at most what a day of them adds.
    /// </summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(1);

    private const string Select = "SELECT locked_until FROM unknown_sign_in_names WHERE user_name = @Name";

    private const string Purge =
        "DELETE FROM unknown_sign_in_names WHERE touched_at < @Stale AND (locked_until IS NULL OR locked_until <= @Now)";

    public async Task<DateTimeOffset?> LockedUntilAsync(string userName, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var lockedUntil = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            Select, new { Name = Normalise(userName) }, cancellationToken: cancellationToken));
        return LockedAt(lockedUntil, now);
    }

    public async Task<DateTimeOffset?> RecordFailureAsync(string userName, DateTimeOffset now, LockoutPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var args = new
        {
            Name = Normalise(userName),
            Max = policy.MaxFailures,
            Until = Instants.ToMs(now + policy.Duration),
            Now = Instants.ToMs(now),
            Stale = Instants.ToMs(now - Retention),
        };
        var lockedUntil = await CountAsync(args, cancellationToken);
        await PurgeAsync(args, cancellationToken);
        return LockedAt(lockedUntil, now);
    }

    private async Task<long?> CountAsync(object args, CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);
        // One statement, so that failures racing each other (on this process or another) are all counted: the insert
        // of a first failure, or the same step as the credential store's on the row as it was.
        await write.Connection.ExecuteAsync(new CommandDefinition(
            database.Dialect.UpsertSet(
                "unknown_sign_in_names",
                "user_name, failures, locked_until, touched_at",
                "@Name, CASE WHEN 1 >= @Max THEN 0 ELSE 1 END, CASE WHEN 1 >= @Max THEN @Until ELSE NULL END, @Now",
                "user_name",
                row => $"""
                    locked_until = CASE WHEN {row}.failures + 1 >= @Max THEN @Until ELSE {row}.locked_until END,
                    failures = CASE WHEN {row}.failures + 1 >= @Max THEN 0 ELSE {row}.failures + 1 END,
                    touched_at = @Now
                    """),
            args,
            write.Transaction,
            cancellationToken: cancellationToken));
        var lockedUntil = await write.Connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            Select, args, write.Transaction, cancellationToken: cancellationToken));
        await write.CommitAsync(cancellationToken);
        return lockedUntil;
    }

    /// <summary>
    /// Deletes the stale rows in a transaction of its own, after the count has committed: two processes purging while
    /// counting in one transaction could lock the same rows in opposite orders, and a deadlock would fail a sign-in.
    /// A purge that fails (a deadlock between two purges) leaves its rows to the next failure's.
    /// </summary>
    private async Task PurgeAsync(object args, CancellationToken cancellationToken)
    {
        try
        {
            await using var write = await database.BeginWriteAsync(cancellationToken);
            await write.Connection.ExecuteAsync(new CommandDefinition(Purge, args, write.Transaction, cancellationToken: cancellationToken));
            await write.CommitAsync(cancellationToken);
        }
        catch (System.Data.Common.DbException)
        {
            // Left to the next failure's purge: the count above has been kept.
        }
    }

    /// <summary>The form a name is kept in: sign-in compares names without regard to case (ordinal, invariant).</summary>
    private static string Normalise(string userName) => userName.ToUpperInvariant();

    private static DateTimeOffset? LockedAt(long? lockedUntil, DateTimeOffset now) =>
        Instants.FromMs(lockedUntil) is { } until && until > now ? until : null;
}
