using Dapper;
using WorkflowEngine.Persistence.Dialects;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>The <c>user_credentials</c> table.</summary>
public sealed class SqlCredentialStore(Database database) : ICredentialStore
{
    private const string Select = """
        SELECT user_id AS UserId, password_hash AS PasswordHash, security_stamp AS SecurityStamp, failed_count AS FailedCount,
            locked_until AS LockedUntil, changed_at AS ChangedAt
        FROM user_credentials WHERE user_id = @Id
        """;

    public async Task<UserCredential?> FindAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(Select, new { Id = userId }, cancellationToken: cancellationToken)))?.ToRecord();
    }

    public Task SetPasswordAsync(string userId, string passwordHash, string securityStamp, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteAsync(SetPasswordSql(database.Dialect), SetPasswordArgs(userId, passwordHash, securityStamp, now), cancellationToken);

    /// <summary>The statement that sets a password (with its stamp) and clears failures; a new user's store runs it too.</summary>
    internal static string SetPasswordSql(ISqlDialect dialect) => dialect.Upsert(
        "user_credentials",
        "user_id, password_hash, security_stamp, failed_count, locked_until, changed_at",
        "@Id, @Hash, @Stamp, 0, NULL, @Now",
        "user_id",
        "password_hash, security_stamp, failed_count, locked_until, changed_at");

    /// <summary>Sets <paramref name="password"/> (hash, stamp, when) and clears failures and lockout, inside <paramref name="write"/>'s transaction.</summary>
    internal static Task SetPasswordAsync(WriteScope write, UserCredential password, CancellationToken cancellationToken) =>
        write.Connection.ExecuteAsync(new CommandDefinition(
            SetPasswordSql(write.Dialect),
            SetPasswordArgs(password.UserId, password.PasswordHash, password.SecurityStamp, password.ChangedAt),
            write.Transaction,
            cancellationToken: cancellationToken));

    internal static object SetPasswordArgs(string userId, string passwordHash, string securityStamp, DateTimeOffset now) =>
        new { Id = userId, Hash = passwordHash, Stamp = securityStamp, Now = Instants.ToMs(now) };

    public Task RehashAsync(string userId, string passwordHash, CancellationToken cancellationToken) =>
        WriteAsync("UPDATE user_credentials SET password_hash = @Hash WHERE user_id = @Id", new { Id = userId, Hash = passwordHash }, cancellationToken);

    public Task RenewStampAsync(string userId, string securityStamp, CancellationToken cancellationToken) =>
        WriteAsync("UPDATE user_credentials SET security_stamp = @Stamp WHERE user_id = @Id", new { Id = userId, Stamp = securityStamp }, cancellationToken);

    public async Task<UserCredential?> RecordFailureAsync(string userId, DateTimeOffset now, LockoutPolicy policy, CancellationToken cancellationToken)
    {
        // One statement, so that attempts racing each other are all counted; every SET reads the row as it was.
        await using var write = await database.BeginWriteAsync(cancellationToken);
        await write.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE user_credentials SET
                locked_until = CASE WHEN failed_count + 1 >= @Max THEN @Until ELSE locked_until END,
                failed_count = CASE WHEN failed_count + 1 >= @Max THEN 0 ELSE failed_count + 1 END
            WHERE user_id = @Id
            """,
            new { Id = userId, Max = policy.MaxFailures, Until = Instants.ToMs(now + policy.Duration) },
            write.Transaction,
            cancellationToken: cancellationToken));
        var row = await write.Connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            Select, new { Id = userId }, write.Transaction, cancellationToken: cancellationToken));
        await write.CommitAsync(cancellationToken);
        return row?.ToRecord();
    }

    public Task RecordSuccessAsync(string userId, CancellationToken cancellationToken) =>
        WriteAsync(
            "UPDATE user_credentials SET failed_count = 0, locked_until = NULL WHERE user_id = @Id AND (failed_count <> 0 OR locked_until IS NOT NULL)",
            new { Id = userId },
            cancellationToken);

    private async Task WriteAsync(string sql, object args, CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);
        await write.Connection.ExecuteAsync(new CommandDefinition(sql, args, write.Transaction, cancellationToken: cancellationToken));
        await write.CommitAsync(cancellationToken);
    }

    private sealed class Row
    {
        public string UserId { get; set; } = "";

        public string PasswordHash { get; set; } = "";

        public string SecurityStamp { get; set; } = "";

        public long FailedCount { get; set; }

        public long? LockedUntil { get; set; }

        public long ChangedAt { get; set; }

        public UserCredential ToRecord() =>
            new(UserId, PasswordHash, SecurityStamp, (int)FailedCount, Instants.FromMs(LockedUntil), Instants.FromMs(ChangedAt));
    }
}
