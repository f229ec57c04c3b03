using Dapper;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>
/// What the tables of codes texted to mobile numbers (<c>registration_codes</c>, <c>password_reset_codes</c>: a row per
/// number with <c>code_hash</c>, <c>attempts</c>, <c>expires_at</c>) are written with alike: forgetting a number's code,
/// counting a wrong one, and claiming a right one once.
/// </summary>
internal static class PendingCodeSql
{
    public static async Task DeleteAsync(Database database, string table, string mobile, CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);
        await write.Connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM {table} WHERE mobile = @Mobile", new { Mobile = mobile }, write.Transaction, cancellationToken: cancellationToken));
        await write.CommitAsync(cancellationToken);
    }

    /// <summary>Counts a wrong code; the answer is the tries used so far (0 when nothing is pending).</summary>
    public static async Task<int> RecordWrongAsync(Database database, string table, string mobile, CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);
        // One statement counts, so that wrong codes racing each other are all counted.
        await write.Connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE {table} SET attempts = attempts + 1 WHERE mobile = @Mobile", new { Mobile = mobile }, write.Transaction, cancellationToken: cancellationToken));
        var attempts = await write.Connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            $"SELECT attempts FROM {table} WHERE mobile = @Mobile", new { Mobile = mobile }, write.Transaction, cancellationToken: cancellationToken));
        await write.CommitAsync(cancellationToken);
        return (int)(attempts ?? 0);
    }

    /// <summary>
    /// Takes the number's code if its hash is <paramref name="codeHash"/> and it is still valid with tries left: the delete
    /// is the claim, so of two requests with the same code one deletes the row and the other finds none.
    /// </summary>
    public static async Task<bool> ClaimAsync(
        WriteScope write, string table, string mobile, string codeHash, int maxAttempts, DateTimeOffset now, CancellationToken cancellationToken) =>
        await write.Connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM {table} WHERE mobile = @Mobile AND code_hash = @Hash AND attempts < @Max AND expires_at > @Now",
            new { Mobile = mobile, Hash = codeHash, Max = maxAttempts, Now = Instants.ToMs(now) },
            write.Transaction,
            cancellationToken: cancellationToken)) > 0;

    /// <summary>The columns every table of codes has, as Dapper reads them (<c>mobile AS Mobile</c>, …).</summary>
    public const string Select = "mobile AS Mobile, code_salt AS CodeSalt, code_hash AS CodeHash, attempts AS Attempts, sent_at AS SentAt, expires_at AS ExpiresAt";

    /// <summary>A row of a table of codes as read: what a pending registration has besides is read into a subclass.</summary>
    public class Row
    {
        public string Mobile { get; set; } = "";

        public string CodeSalt { get; set; } = "";

        public string CodeHash { get; set; } = "";

        public long Attempts { get; set; }

        public long SentAt { get; set; }

        public long ExpiresAt { get; set; }
    }
}
