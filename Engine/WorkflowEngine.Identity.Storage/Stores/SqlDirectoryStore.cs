using Dapper;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>Departments and users.</summary>
public sealed class SqlDirectoryStore(Database database) : IDirectoryStore
{
    public async Task UpsertDepartmentsAsync(IEnumerable<DirectoryDepartment> departments, CancellationToken cancellationToken)
    {
        var sql = database.Dialect.Upsert("departments", "code, name_zh, name_en, description", "@Code, @NameZh, @NameEn, @Description", "code", "name_zh, name_en, description");
        await using var write = await database.BeginWriteAsync(cancellationToken);
        await write.Connection.ExecuteAsync(new CommandDefinition(
            sql,
            departments.ToArray(),
            write.Transaction,
            cancellationToken: cancellationToken));
        await write.CommitAsync(cancellationToken);
    }

    public async Task UpsertUsersAsync(IEnumerable<UserRecord> users, CancellationToken cancellationToken)
    {
        var sql = database.Dialect.Upsert("users", "id, name, role, department", "@Id, @Name, @Role, @Department", "id", "name, role, department");
        await using var write = await database.BeginWriteAsync(cancellationToken);
        await write.Connection.ExecuteAsync(new CommandDefinition(sql, users.ToArray(), write.Transaction, cancellationToken: cancellationToken));
        await write.CommitAsync(cancellationToken);
    }

    public async Task<UserRecord?> FindUserAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<UserRecord>(new CommandDefinition(
            "SELECT id AS Id, name AS Name, role AS Role, department AS Department FROM users WHERE id = @Id",
            new { Id = id },
            cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<UserRecord>> FindUsersAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<UserRecord>(new CommandDefinition(
            $"SELECT id AS Id, name AS Name, role AS Role, department AS Department FROM users WHERE {database.Dialect.In("id", "@Ids")}",
            new { Ids = ListParameter.Of(ids) },
            cancellationToken: cancellationToken))).AsList();
    }

    public async Task<IReadOnlyList<UserRecord>> ListUsersAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<UserRecord>(new CommandDefinition(
            "SELECT id AS Id, name AS Name, role AS Role, department AS Department FROM users WHERE disabled_at IS NULL ORDER BY role, id",
            cancellationToken: cancellationToken))).AsList();
    }
}
