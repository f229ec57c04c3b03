using Dapper;
using WorkflowEngine.Persistence.Rows;
using WorkflowEngine.Runtime.Definitions;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>Every version of every definition; a published row is never updated again.</summary>
public sealed class SqlDefinitionStore(Database database) : IDefinitionStore
{
    private const string ListColumns = """
        id AS Id, version AS Version, status AS Status, title AS Title, '' AS Source, sha256 AS Sha256,
        errors_json AS ErrorsJson, created_at AS CreatedAt, created_by AS CreatedBy, published_at AS PublishedAt,
        published_by AS PublishedBy, retired_at AS RetiredAt, retired_by AS RetiredBy
        """;

    public async Task<IReadOnlyList<DefinitionRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<DefinitionRow>(new CommandDefinition(
            $"SELECT {ListColumns} FROM definitions ORDER BY id, version", cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToArray();
    }

    public async Task<DefinitionRecord?> GetAsync(string id, int version, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QuerySingleOrDefaultAsync<DefinitionRow>(new CommandDefinition(
            $"SELECT {DefinitionRow.Columns} FROM definitions WHERE id = @Id AND version = @Version",
            new { Id = id, Version = version },
            cancellationToken: cancellationToken)))?.ToRecord();
    }

    public async Task<DefinitionRecord?> GetLatestPublishedAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<DefinitionRow>(new CommandDefinition(
            $"SELECT {DefinitionRow.Columns} FROM definitions WHERE id = @Id AND status IN ('published', 'retired') ORDER BY version DESC",
            new { Id = id },
            cancellationToken: cancellationToken))).FirstOrDefault()?.ToRecord();
    }

    public async Task<DefinitionRecord> SaveDraftAsync(DefinitionRecord draft, CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);
        var (connection, transaction) = (write.Connection, write.Transaction);
        {
            var existing = await connection.QueryFirstOrDefaultAsync<long?>(new CommandDefinition(
                "SELECT MAX(version) FROM definitions WHERE id = @Id AND status = 'draft'",
                new { draft.Id },
                transaction,
                cancellationToken: cancellationToken));
            var args = new
            {
                draft.Id,
                Version = existing ?? 0,
                draft.Title,
                draft.Source,
                draft.Sha256,
                draft.ErrorsJson,
                CreatedAt = Instants.ToMs(draft.CreatedAt),
                draft.CreatedBy,
            };
            int version;
            if (existing is { } open)
            {
                version = (int)open;
                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    UPDATE definitions SET title = @Title, source = @Source, sha256 = @Sha256, errors_json = @ErrorsJson,
                        created_at = @CreatedAt, created_by = @CreatedBy
                    WHERE id = @Id AND version = @Version AND status = 'draft'
                    """,
                    args,
                    transaction,
                    cancellationToken: cancellationToken));
            }
            else
            {
                version = 1 + await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                    "SELECT COALESCE(MAX(version), 0) FROM definitions WHERE id = @Id",
                    new { draft.Id },
                    transaction,
                    cancellationToken: cancellationToken));
                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO definitions (id, version, status, title, source, sha256, errors_json, created_at, created_by)
                    VALUES (@Id, @Version, 'draft', @Title, @Source, @Sha256, @ErrorsJson, @CreatedAt, @CreatedBy)
                    """,
                    args with { Version = version },
                    transaction,
                    cancellationToken: cancellationToken));
            }

            await write.CommitAsync(cancellationToken);
            return draft with { Version = version, Status = DefinitionStatuses.Draft };
        }
    }

    public Task<bool> PublishAsync(string id, int version, DateTimeOffset at, string? by, CancellationToken cancellationToken) =>
        ChangeOneAsync(
            "UPDATE definitions SET status = 'published', published_at = @At, published_by = @By WHERE id = @Id AND version = @Version AND status = 'draft'",
            AdminAuditActions.DefinitionPublished, id, version, at, by, cancellationToken);

    public Task<bool> RetireAsync(string id, int version, DateTimeOffset at, string? by, CancellationToken cancellationToken) =>
        ChangeOneAsync(
            "UPDATE definitions SET status = 'retired', retired_at = @At, retired_by = @By WHERE id = @Id AND version = @Version AND status = 'published'",
            AdminAuditActions.DefinitionRetired, id, version, at, by, cancellationToken);

    public Task<bool> DiscardDraftAsync(string id, int version, DateTimeOffset at, string? by, CancellationToken cancellationToken) =>
        ChangeOneAsync(
            "DELETE FROM definitions WHERE id = @Id AND version = @Version AND status = 'draft'",
            AdminAuditActions.DraftDiscarded, id, version, at, by, cancellationToken);

    /// <summary>
    /// A change of one version from the status it expects (publishing, retiring, discarding), at most once, with its
    /// line in the administrators' audit in the same transaction (actor <c>system</c> when the host itself did it).
    /// </summary>
    private async Task<bool> ChangeOneAsync(
        string sql, string action, string id, int version, DateTimeOffset at, string? by, CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);
        var changed = await write.Connection.ExecuteAsync(new CommandDefinition(
            sql, new { Id = id, Version = version, At = Instants.ToMs(at), By = by }, write.Transaction, cancellationToken: cancellationToken)) == 1;
        if (changed)
        {
            await AdminAuditSql.InsertAsync(
                write,
                new AdminAuditEntry(0, at, by ?? "system", action, AdminAuditEntry.Definition, id, $"version={version}"),
                cancellationToken);
        }

        await write.CommitAsync(cancellationToken);
        return changed;
    }
}
