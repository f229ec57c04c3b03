using Dapper;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>The <c>notice_reads</c> table: per department and supervisor, until when the notices are read.</summary>
public sealed class SqlNoticeReads(Database database) : INoticeReads
{
    public async Task<int> UnreadRedAsync(string department, string user, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            SELECT COUNT(*) FROM department_notices
            WHERE department = @Department AND kind IN ('red', 'stage-red', 'bundle-red')
              AND created_at > COALESCE((SELECT read_until FROM notice_reads WHERE department = @Department AND user_id = @User), -1)
            """,
            new { Department = department, User = user },
            cancellationToken: cancellationToken));
    }

    public async Task MarkReadAsync(string department, string user, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // Delete and insert: the same statements on every database, where an upsert is written three ways.
        await using var write = await database.BeginWriteAsync(cancellationToken);
        await write.Connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM notice_reads WHERE department = @Department AND user_id = @User;
            INSERT INTO notice_reads (department, user_id, read_until) VALUES (@Department, @User, @ReadUntil);
            """,
            new { Department = department, User = user, ReadUntil = Instants.ToMs(at) },
            write.Transaction,
            cancellationToken: cancellationToken));
        await write.CommitAsync(cancellationToken);
    }
}
