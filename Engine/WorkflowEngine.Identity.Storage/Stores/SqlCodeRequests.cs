using Dapper;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>The <c>registration_requests</c> table: every request for a texted code, by purpose, number and client address.</summary>
public sealed class SqlCodeRequests(Database database) : ICodeRequests
{
    /// <summary>How long requests are kept for the throttles, which look back at most an hour.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(1);

    public async Task<CodeRequestCounts> CountAsync(string purpose, string mobile, string clientAddress, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<CountRow>(new CommandDefinition(
            """
            SELECT
                (SELECT COUNT(*) FROM registration_requests WHERE mobile = @Mobile AND purpose = @Purpose AND at >= @Since AND sent = @Sent) AS SentToNumber,
                (SELECT MAX(at) FROM registration_requests WHERE mobile = @Mobile AND purpose = @Purpose AND sent = @Sent) AS LastSent,
                (SELECT COUNT(*) FROM registration_requests WHERE client_address = @Address AND purpose = @Purpose AND at >= @Since) AS FromAddress
            """,
            new { Purpose = purpose, Mobile = mobile, Address = clientAddress, Since = Instants.ToMs(since), Sent = true },
            cancellationToken: cancellationToken));
        return new CodeRequestCounts((int)row.SentToNumber, Instants.FromMs(row.LastSent), (int)row.FromAddress);
    }

    public async Task RecordRequestAsync(string purpose, string mobile, string clientAddress, bool sent, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);
        await write.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO registration_requests (at, mobile, client_address, sent, purpose) VALUES (@At, @Mobile, @Address, @Sent, @Purpose);
            DELETE FROM registration_requests WHERE at < @Stale;
            DELETE FROM registration_codes WHERE expires_at < @Stale;
            DELETE FROM password_reset_codes WHERE expires_at < @Stale;
            """,
            new { At = Instants.ToMs(now), Purpose = purpose, Mobile = mobile, Address = clientAddress, Sent = sent, Stale = Instants.ToMs(now - Retention) },
            write.Transaction,
            cancellationToken: cancellationToken));
        await write.CommitAsync(cancellationToken);
    }

    private sealed class CountRow
    {
        public long SentToNumber { get; set; }

        public long? LastSent { get; set; }

        public long FromAddress { get; set; }
    }
}
