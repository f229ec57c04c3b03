using Dapper;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>The <c>admin_audit</c> table.</summary>
public sealed class SqlAdminAudit(Database database) : IAdminAudit
{
    public async Task RecordAsync(AdminAuditEntry entry, CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);
        await AdminAuditSql.InsertAsync(write, entry, cancellationToken);
        await write.CommitAsync(cancellationToken);
    }

    public Task<IReadOnlyList<AdminAuditEntry>> ListAsync(string targetKind, string targetId, int limit, CancellationToken cancellationToken) =>
        QueryAsync("WHERE target_kind = @Kind AND target_id = @Target", new { Kind = targetKind, Target = targetId, Limit = limit, Offset = 0 }, cancellationToken);

    public Task<IReadOnlyList<AdminAuditEntry>> ListAllAsync(string? targetKind, int limit, int offset, CancellationToken cancellationToken) =>
        QueryAsync(targetKind is null ? "" : "WHERE target_kind = @Kind", new { Kind = targetKind, Limit = limit, Offset = offset }, cancellationToken);

    /// <summary>The entries <paramref name="where"/> selects, newest first, a page of them (@Limit, @Offset).</summary>
    private async Task<IReadOnlyList<AdminAuditEntry>> QueryAsync(string where, object args, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"""
            SELECT id AS Id, at AS At, actor AS Actor, action AS Action, target_kind AS TargetKind, target_id AS TargetId, detail AS Detail
            FROM admin_audit {where}
            ORDER BY at DESC, id DESC {database.Dialect.Page}
            """,
            args,
            cancellationToken: cancellationToken));
        return rows.Select(Entry).ToArray();
    }

    private static AdminAuditEntry Entry(Row r) => new(r.Id, Instants.FromMs(r.At), r.Actor, r.Action, r.TargetKind, r.TargetId, r.Detail);

    private sealed class Row
    {
        public long Id { get; set; }

        public long At { get; set; }

        public string Actor { get; set; } = "";

        public string Action { get; set; } = "";

        public string TargetKind { get; set; } = "";

        public string TargetId { get; set; } = "";

        public string? Detail { get; set; }
    }
}
