using Dapper;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>The <c>registration_codes</c>, <c>registration_requests</c> and <c>applicant_contacts</c> tables.</summary>
public sealed class SqlRegistrationCodes(Database database) : IRegistrationCodes
{
    /// <summary>How long requests are kept for the throttles, which look back at most an hour.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(1);

    private const string Columns = "mobile, display_name, email, password_hash, code_salt, code_hash, attempts, sent_at, expires_at";

    public async Task<RegistrationRequestCounts> CountAsync(string mobile, string clientAddress, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<CountRow>(new CommandDefinition(
            """
            SELECT
                (SELECT COUNT(*) FROM registration_requests WHERE mobile = @Mobile AND at >= @Since AND sent = @Sent) AS SentToNumber,
                (SELECT MAX(at) FROM registration_requests WHERE mobile = @Mobile AND sent = @Sent) AS LastSent,
                (SELECT COUNT(*) FROM registration_requests WHERE client_address = @Address AND at >= @Since) AS FromAddress
            """,
            new { Mobile = mobile, Address = clientAddress, Since = Instants.ToMs(since), Sent = true },
            cancellationToken: cancellationToken));
        return new RegistrationRequestCounts((int)row.SentToNumber, Instants.FromMs(row.LastSent), (int)row.FromAddress);
    }

    public async Task RecordRequestAsync(string mobile, string clientAddress, bool sent, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);
        await write.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO registration_requests (at, mobile, client_address, sent) VALUES (@At, @Mobile, @Address, @Sent);
            DELETE FROM registration_requests WHERE at < @Stale;
            DELETE FROM registration_codes WHERE expires_at < @Stale;
            """,
            new { At = Instants.ToMs(now), Mobile = mobile, Address = clientAddress, Sent = sent, Stale = Instants.ToMs(now - Retention) },
            write.Transaction,
            cancellationToken: cancellationToken));
        await write.CommitAsync(cancellationToken);
    }

    public async Task SaveAsync(PendingRegistration pending, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pending);
        await using var write = await database.BeginWriteAsync(cancellationToken);
        await write.Connection.ExecuteAsync(new CommandDefinition(
            database.Dialect.Upsert(
                "registration_codes",
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
            """
            SELECT mobile AS Mobile, display_name AS DisplayName, email AS Email, password_hash AS PasswordHash, code_salt AS CodeSalt,
                   code_hash AS CodeHash, attempts AS Attempts, sent_at AS SentAt, expires_at AS ExpiresAt
            FROM registration_codes WHERE mobile = @Mobile
            """,
            new { Mobile = mobile },
            cancellationToken: cancellationToken));
        return row?.ToRecord();
    }

    public async Task DeleteAsync(string mobile, CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);
        await write.Connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM registration_codes WHERE mobile = @Mobile", new { Mobile = mobile }, write.Transaction, cancellationToken: cancellationToken));
        await write.CommitAsync(cancellationToken);
    }

    public async Task<int> RecordWrongAsync(string mobile, CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);
        // One statement counts, so that wrong codes racing each other are all counted.
        await write.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE registration_codes SET attempts = attempts + 1 WHERE mobile = @Mobile", new { Mobile = mobile }, write.Transaction, cancellationToken: cancellationToken));
        var attempts = await write.Connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            "SELECT attempts FROM registration_codes WHERE mobile = @Mobile", new { Mobile = mobile }, write.Transaction, cancellationToken: cancellationToken));
        await write.CommitAsync(cancellationToken);
        return (int)(attempts ?? 0);
    }

    public async Task<RegistrationCompletion> CompleteAsync(
        string codeHash, DateTimeOffset now, int maxAttempts, UserRecord user, UserCredential password, string? email, AdminAuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var write = await database.BeginWriteAsync(cancellationToken);
        // The delete is the claim: of two requests with the same code, one deletes the row and the other finds none.
        var claimed = await write.Connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM registration_codes WHERE mobile = @Mobile AND code_hash = @Hash AND attempts < @Max AND expires_at > @Now",
            new { Mobile = user.Id, Hash = codeHash, Max = maxAttempts, Now = Instants.ToMs(now) },
            write.Transaction,
            cancellationToken: cancellationToken));
        if (claimed == 0)
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

    private sealed class CountRow
    {
        public long SentToNumber { get; set; }

        public long? LastSent { get; set; }

        public long FromAddress { get; set; }
    }

    private sealed class PendingRow
    {
        public string Mobile { get; set; } = "";

        public string DisplayName { get; set; } = "";

        public string? Email { get; set; }

        public string PasswordHash { get; set; } = "";

        public string CodeSalt { get; set; } = "";

        public string CodeHash { get; set; } = "";

        public long Attempts { get; set; }

        public long SentAt { get; set; }

        public long ExpiresAt { get; set; }

        public PendingRegistration ToRecord() =>
            new(Mobile, DisplayName, Email, PasswordHash, CodeSalt, CodeHash, (int)Attempts, Instants.FromMs(SentAt), Instants.FromMs(ExpiresAt));
    }
}
