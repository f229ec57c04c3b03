using Dapper;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>
/// An account's stamp, disabling, last sign-out and directory record from <c>users</c>, <c>user_credentials</c> and
/// <c>sign_in_events</c> in one statement: two primary-key look-ups and one probe of <c>ix_sign_in_events_user_kind</c>.
/// </summary>
public sealed class SqlAccountStandings(Database database) : IAccountStandings
{
    private const string Select = $"""
        SELECT c.security_stamp AS SecurityStamp, u.disabled_at AS DisabledAt, u.name AS Name, u.role AS Role, u.department AS Department,
            (SELECT MAX(s.id) FROM sign_in_events s WHERE s.user_id = u.id AND s.kind = '{SignInEventKinds.SignedOut}') AS LatestSignOutId
        FROM users u LEFT JOIN user_credentials c ON c.user_id = u.id
        WHERE u.id = @Id
        """;

    public async Task<AccountStanding?> FindAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(Select, new { Id = userId }, cancellationToken: cancellationToken));
        return row is null
            ? null
            : new AccountStanding(row.SecurityStamp, row.DisabledAt is not null, row.LatestSignOutId ?? 0, new UserRecord(userId, row.Name, row.Role, row.Department));
    }

    private sealed class Row
    {
        public string? SecurityStamp { get; set; }

        public long? DisabledAt { get; set; }

        public long? LatestSignOutId { get; set; }

        public string Name { get; set; } = "";

        public string Role { get; set; } = "";

        public string? Department { get; set; }
    }
}
