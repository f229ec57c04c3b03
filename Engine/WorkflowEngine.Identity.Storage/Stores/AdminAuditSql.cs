using Dapper;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>Writes an <c>admin_audit</c> row inside the transaction of the change it records.</summary>
internal static class AdminAuditSql
{
    public static Task InsertAsync(WriteScope write, AdminAuditEntry entry, CancellationToken cancellationToken) =>
        write.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO admin_audit (at, actor, action, target_kind, target_id, detail)
            VALUES (@At, @Actor, @Action, @TargetKind, @TargetId, @Detail)
            """,
            new { At = Instants.ToMs(entry.At), entry.Actor, entry.Action, entry.TargetKind, entry.TargetId, entry.Detail },
            write.Transaction,
            cancellationToken: cancellationToken));
}
