using Dapper;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>The <c>registration_codes</c> and <c>applicant_contacts</c> tables (the throttles' requests: <see cref="SqlCodeRequests"/>).</summary>
public sealed class SqlRegistrationCodes(Database database) : IRegistrationCodes
{
    private const string Table = "registration_codes";

    private const string Columns = "mobile, display_name, email, password_hash, code_salt, code_hash, attempts, sent_at, expires_at";

    public async Task SaveAsync(PendingRegistration pending, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pending);
        await using var write = await database.BeginWriteAsync(cancellationToken);
        await write.Connection.ExecuteAsync(new CommandDefinition(
            database.Dialect.Upsert(
                Table,
                Columns,
                "@Mobile, @DisplayName, @Email, @PasswordHash, @CodeSalt, @CodeHash, 0, @SentAt, @ExpiresAt",
                "mobile",
                "display_name, email, password_hash, code_salt, code_hash, attempts, sent_at, expires_at"),
            new
            {
                pending.Mobile,
                pending.DisplayName,
                pending.Email,
                pending.PasswordHash,
                pending.CodeSalt,
                pending.CodeHash,
                SentAt = Instants.ToMs(pending.SentAt),
                ExpiresAt = Instants.ToMs(pending.ExpiresAt),
            },
            write.Transaction,
            cancellationToken: cancellationToken));
        await write.CommitAsync(cancellationToken);
    }

    public async Task<PendingRegistration?> FindAsync(string mobile, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<PendingRow>(new CommandDefinition(
            $"SELECT {PendingCodeSql.Select}, display_name AS DisplayName, email AS Email, password_hash AS PasswordHash FROM {Table} WHERE mobile = @Mobile",
            new { Mobile = mobile },
            cancellationToken: cancellationToken));
        return row?.ToRecord();
    }

    public Task DeleteAsync(string mobile, CancellationToken cancellationToken) => PendingCodeSql.DeleteAsync(database, Table, mobile, cancellationToken);

    public Task<int> RecordWrongAsync(string mobile, CancellationToken cancellationToken) => PendingCodeSql.RecordWrongAsync(database, Table, mobile, cancellationToken);

    public async Task<RegistrationCompletion> CompleteAsync(
        string codeHash, DateTimeOffset now, int maxAttempts, UserRecord user, UserCredential password, string? email, AdminAuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var write = await database.BeginWriteAsync(cancellationToken);
        if (!await PendingCodeSql.ClaimAsync(write, Table, user.Id, codeHash, maxAttempts, now, cancellationToken))
        {
            return RegistrationCompletion.NotClaimed;
        }

        var registered = await SqlUserAccounts.InsertAsync(write, user, password, audit, cancellationToken);
        if (registered)
        {
            await write.Connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO applicant_contacts (user_id, mobile, email, registered_at) VALUES (@Id, @Mobile, @Email, @At)",
                new { user.Id, Mobile = user.Id, Email = email, At = Instants.ToMs(now) },
                write.Transaction,
                cancellationToken: cancellationToken));
        }

        await write.CommitAsync(cancellationToken);
        return registered ? RegistrationCompletion.Registered : RegistrationCompletion.Taken;
    }

    private sealed class PendingRow : PendingCodeSql.Row
    {
        public string DisplayName { get; set; } = "";

        public string? Email { get; set; }

        public string PasswordHash { get; set; } = "";

        public PendingRegistration ToRecord() =>
            new(Mobile, DisplayName, Email, PasswordHash, CodeSalt, CodeHash, (int)Attempts, Instants.FromMs(SentAt), Instants.FromMs(ExpiresAt));
    }
}
