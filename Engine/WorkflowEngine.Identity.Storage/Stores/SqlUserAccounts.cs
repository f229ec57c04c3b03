using Dapper;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>
/// The <c>users</c> table as administrators manage it, with each change's <c>admin_audit</c> row (and a new user's
/// password) in its transaction.
/// </summary>
public sealed class SqlUserAccounts(Database database) : IUserAccounts
{
    private const string Select = $"""
        SELECT u.id AS Id, u.name AS Name, u.role AS Role, u.department AS Department, u.disabled_at AS DisabledAt,
            CASE WHEN c.user_id IS NULL THEN 0 ELSE 1 END AS HasPassword, c.locked_until AS LockedUntil,
            (SELECT MAX(s.at) FROM sign_in_events s WHERE s.user_id = u.id AND s.kind IN ('{SignInEventKinds.Succeeded}', '{SignInEventKinds.TokenIssued}')) AS LastSignInAt
        FROM users u LEFT JOIN user_credentials c ON c.user_id = u.id
        """;

    // The guard that keeps one enabled administrator: the change goes through when the user stays an enabled
    // administrator, is none now, or another enabled one remains. It runs after the administrators' rows are locked
    // (GuardedAsync), so two administrators demoting each other at once cannot both succeed on any database.
    private const string AnotherAdmin = $"EXISTS (SELECT 1 FROM users o WHERE o.role = '{Roles.Admin}' AND o.disabled_at IS NULL AND o.id <> @Id)";

    public async Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition($"{Select} ORDER BY u.role, u.id", cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToArray();
    }

    public async Task<UserAccountPage> SearchAsync(UserFilter filter, int limit, int offset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);

        // Filtered and paged in SQL: a centre's applicants run to thousands. The text is matched as a substring, its
        // LIKE wildcards escaped (with "!", which no database reads as special inside a string), so "_" or "%" in a search
        // mean themselves.
        var where = "1 = 1"
            + (filter.Role is null ? "" : " AND u.role = @Role")
            + (filter.Department is null ? "" : " AND u.department = @Department")
            + (filter.Text is null ? "" : " AND (LOWER(u.id) LIKE @Pattern ESCAPE '!' OR LOWER(u.name) LIKE @Pattern ESCAPE '!')");
        var parameters = new
        {
            filter.Role,
            filter.Department,
            Pattern = filter.Text is null ? null : "%" + LikePatterns.Escape(filter.Text.ToLowerInvariant()) + "%",
            Limit = limit,
            Offset = offset,
        };
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM users u WHERE {where}", parameters, cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"{Select} WHERE {where} ORDER BY u.role, u.id {database.Dialect.Page}", parameters, cancellationToken: cancellationToken));
        return new UserAccountPage(rows.Select(r => r.ToRecord()).ToArray(), (int)total);
    }

    public async Task<UserAccount?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"{Select} WHERE u.id = @Id", new { Id = id }, cancellationToken: cancellationToken)))?.ToRecord();
    }

    public async Task<bool> CreateAsync(UserRecord user, UserCredential password, AdminAuditEntry audit, CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);
        if (!await InsertAsync(write, user, password, audit, cancellationToken))
        {
            return false;
        }

        await write.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>A new user with their password and the audit of their making, in the caller's transaction; false when the id is taken.</summary>
    internal static async Task<bool> InsertAsync(WriteScope write, UserRecord user, UserCredential password, AdminAuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(password);
        var inserted = await write.Connection.ExecuteAsync(new CommandDefinition(
            write.Dialect.InsertIgnore("users", "id, name, role, department", "@Id, @Name, @Role, @Department", "id"),
            user,
            write.Transaction,
            cancellationToken: cancellationToken));
        if (inserted == 0)
        {
            return false;
        }

        await SqlCredentialStore.SetPasswordAsync(write, password, cancellationToken);
        await AdminAuditSql.InsertAsync(write, audit, cancellationToken);
        return true;
    }

    public Task<UserChangeStatus> ChangeAsync(
        string id, string role, string? department, string newStamp, AdminAuditEntry audit, CancellationToken cancellationToken) =>
        GuardedAsync(
            $"""
            UPDATE users SET role = @Role, department = @Department
            WHERE id = @Id AND (@Role = '{Roles.Admin}' OR role <> '{Roles.Admin}' OR disabled_at IS NOT NULL OR {AnotherAdmin})
            """,
            new { Id = id, Role = role, Department = department },
            id,
            newStamp,
            audit,
            cancellationToken);

    public Task<UserChangeStatus> SetDisabledAsync(
        string id, DateTimeOffset? disabledAt, string newStamp, AdminAuditEntry audit, CancellationToken cancellationToken) =>
        GuardedAsync(
            $"""
            UPDATE users SET disabled_at = @At
            WHERE id = @Id AND (@At IS NULL OR role <> '{Roles.Admin}' OR disabled_at IS NOT NULL OR {AnotherAdmin})
            """,
            new { Id = id, At = disabledAt is { } at ? Instants.ToMs(at) : (long?)null },
            id,
            disabledAt is null ? null : newStamp,
            audit,
            cancellationToken);

    /// <summary>The update, then (when it went through) the new stamp that ends the user's sessions, and the audit row.</summary>
    private async Task<UserChangeStatus> GuardedAsync(
        string sql, object args, string id, string? newStamp, AdminAuditEntry audit, CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);

        // Lock the enabled administrators' rows first, so that two changes that could each take away an administrator
        // run one after the other, and the second one's guard sees the first one's change. Without it, on PostgreSQL and
        // SQL Server two administrators demoting each other at once each saw the other still enabled, and both went
        // through. (SQLite takes one writer at a time anyway.)
        await write.Connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE users SET role = role WHERE role = '{Roles.Admin}' AND disabled_at IS NULL", transaction: write.Transaction, cancellationToken: cancellationToken));
        if (await write.Connection.ExecuteAsync(new CommandDefinition(sql, args, write.Transaction, cancellationToken: cancellationToken)) == 0)
        {
            var exists = await write.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM users WHERE id = @Id", new { Id = id }, write.Transaction, cancellationToken: cancellationToken));
            return exists == 0 ? UserChangeStatus.NotFound : UserChangeStatus.LastAdministrator;
        }

        if (newStamp is not null)
        {
            await write.Connection.ExecuteAsync(new CommandDefinition(
                "UPDATE user_credentials SET security_stamp = @Stamp WHERE user_id = @Id",
                new { Id = id, Stamp = newStamp },
                write.Transaction,
                cancellationToken: cancellationToken));
        }

        await AdminAuditSql.InsertAsync(write, audit, cancellationToken);
        await write.CommitAsync(cancellationToken);
        return UserChangeStatus.Done;
    }

    private sealed class Row
    {
        public string Id { get; set; } = "";

        public string Name { get; set; } = "";

        public string Role { get; set; } = "";

        public string? Department { get; set; }

        public long? DisabledAt { get; set; }

        public long HasPassword { get; set; }

        public long? LockedUntil { get; set; }

        public long? LastSignInAt { get; set; }

        public UserAccount ToRecord() =>
            new(new UserRecord(Id, Name, Role, Department), Instants.FromMs(DisabledAt), HasPassword != 0, Instants.FromMs(LockedUntil), Instants.FromMs(LastSignInAt));
    }
}
