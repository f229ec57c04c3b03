using Dapper;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>The <c>password_reset_codes</c> table, and the reset that replaces an applicant's password in <c>user_credentials</c>.</summary>
public sealed class SqlPasswordResetCodes(Database database) : IPasswordResetCodes
{
    private const string Table = "password_reset_codes";

    // An applicant's account, enabled, with a password here, whose user name is the number it proved when registering.
    private const string Eligible = $"""
        SELECT COUNT(*) FROM users u
        JOIN applicant_contacts c ON c.user_id = u.id AND c.mobile = u.id
        JOIN user_credentials k ON k.user_id = u.id
        WHERE u.id = @Mobile AND u.role = '{Roles.Applicant}' AND u.disabled_at IS NULL
        """;

    public async Task<bool> EligibleAsync(string mobile, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(Eligible, new { Mobile = mobile }, cancellationToken: cancellationToken)) > 0;
    }

    public async Task SaveAsync(PendingPasswordReset pending, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pending);
        await using var write = await database.BeginWriteAsync(cancellationToken);
        await write.Connection.ExecuteAsync(new CommandDefinition(
            database.Dialect.Upsert(
                Table,
                "mobile, code_salt, code_hash, attempts, sent_at, expires_at",
                "@Mobile, @CodeSalt, @CodeHash, 0, @SentAt, @ExpiresAt",
                "mobile",
                "code_salt, code_hash, attempts, sent_at, expires_at"),
            new { pending.Mobile, pending.CodeSalt, pending.CodeHash, SentAt = Instants.ToMs(pending.SentAt), ExpiresAt = Instants.ToMs(pending.ExpiresAt) },
            write.Transaction,
            cancellationToken: cancellationToken));
        await write.CommitAsync(cancellationToken);
    }

    public async Task<PendingPasswordReset?> FindAsync(string mobile, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<PendingCodeSql.Row>(new CommandDefinition(
            $"SELECT {PendingCodeSql.Select} FROM {Table} WHERE mobile = @Mobile",
            new { Mobile = mobile },
            cancellationToken: cancellationToken));
        return row is null
            ? null
            : new PendingPasswordReset(row.Mobile, row.CodeSalt, row.CodeHash, (int)row.Attempts, Instants.FromMs(row.SentAt), Instants.FromMs(row.ExpiresAt));
    }

    public Task DeleteAsync(string mobile, CancellationToken cancellationToken) => PendingCodeSql.DeleteAsync(database, Table, mobile, cancellationToken);

    public Task<int> RecordWrongAsync(string mobile, CancellationToken cancellationToken) => PendingCodeSql.RecordWrongAsync(database, Table, mobile, cancellationToken);

    public async Task<PasswordResetCompletion> ResetAsync(
        string codeHash, DateTimeOffset now, int maxAttempts, UserCredential password, AdminAuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(password);
        await using var write = await database.BeginWriteAsync(cancellationToken);
        if (!await PendingCodeSql.ClaimAsync(write, Table, password.UserId, codeHash, maxAttempts, now, cancellationToken))
        {
            return PasswordResetCompletion.NotClaimed;
        }

        // Checked again as the password is replaced: an administrator may have made the account a clerk's, or disabled it, since the code went out.
        var eligible = await write.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            Eligible, new { Mobile = password.UserId }, write.Transaction, cancellationToken: cancellationToken)) > 0;
        if (eligible)
        {
            await SqlCredentialStore.SetPasswordAsync(write, password, cancellationToken);
            await AdminAuditSql.InsertAsync(write, audit, cancellationToken);
        }

        await write.CommitAsync(cancellationToken);
        return eligible ? PasswordResetCompletion.Reset : PasswordResetCompletion.NotEligible;
    }
}
