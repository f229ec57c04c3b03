using Dapper;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>The <c>sign_in_events</c> table.</summary>
public sealed class SqlSignInLog(Database database) : ISignInLog
{
    public async Task<long> RecordAsync(SignInEvent signIn, CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);
        var id = await write.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            database.Dialect.InsertReturningId(
                "sign_in_events",
                "at, kind, user_name, user_id, client_address, channel",
                "@At, @Kind, @UserName, @UserId, @ClientAddress, @Channel"),
            new
            {
                At = Instants.ToMs(signIn.At),
                signIn.Kind,
                signIn.UserName,
                signIn.UserId,
                signIn.ClientAddress,
                signIn.Channel,
            },
            write.Transaction,
            cancellationToken: cancellationToken));
        await write.CommitAsync(cancellationToken);
        return id;
    }

    public async Task<long> LatestIdAsync(string userId, string kind, CancellationToken cancellationToken)
    {
        // By id, not by time: ids grow in the order the rows were written, whichever process's clock wrote them.
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT MAX(id) FROM sign_in_events WHERE user_id = @UserId AND kind = @Kind",
            new { UserId = userId, Kind = kind },
            cancellationToken: cancellationToken)) ?? 0;
    }

    public async Task<IReadOnlyList<SignInEvent>> ListAsync(
        string? userId, IReadOnlyCollection<string>? kinds, int limit, int offset, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(new { UserId = userId, Limit = limit, Offset = offset });
        var conditions = new List<string>();
        if (userId is not null)
        {
            conditions.Add("user_id = @UserId");
        }

        if (kinds is { Count: > 0 })
        {
            // One parameter per kind: the same SQL on every provider (Npgsql takes no list for IN).
            var names = kinds.Select((kind, i) =>
            {
                parameters.Add("Kind" + i, kind);
                return "@Kind" + i;
            }).ToArray();
            conditions.Add($"kind IN ({string.Join(", ", names)})");
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"""
            SELECT id AS Id, at AS At, kind AS Kind, user_name AS UserName, user_id AS UserId, client_address AS ClientAddress, channel AS Channel
            FROM sign_in_events {(conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions))}
            ORDER BY at DESC, id DESC {database.Dialect.Page}
            """,
            parameters,
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToArray();
    }

    private sealed class Row
    {
        public long Id { get; set; }

        public long At { get; set; }

        public string Kind { get; set; } = "";

        public string UserName { get; set; } = "";

        public string? UserId { get; set; }

        public string? ClientAddress { get; set; }

        public string Channel { get; set; } = "";

        public SignInEvent ToRecord() => new(Id, Instants.FromMs(At), Kind, UserName, UserId, ClientAddress, Channel);
    }
}
