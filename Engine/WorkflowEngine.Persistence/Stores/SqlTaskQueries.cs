using Dapper;
using WorkflowEngine.Persistence.Rows;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>The clerk workbench's reads: a department's queue by priority, then due time; one task.</summary>
public sealed class SqlTaskQueries(Database database, FormStorage forms = FormStorage.PerApplication) : ITaskQueries
{
    public async Task<IReadOnlyList<TaskRecord>> ListAsync(string department, string filter, int limit, int offset, CancellationToken cancellationToken)
    {
        var where = filter switch
        {
            "open" => "status IN ('open', 'claimed')",
            "unclaimed" => "status = 'open'",
            "claimed" => "status = 'claimed'",
            "completed" => "status = 'completed'",
            "cancelled" => "status = 'cancelled'",
            _ => "1 = 1",
        };
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<TaskRow>(new CommandDefinition(
            $"SELECT {TaskRow.ColumnsWithoutPayload} FROM department_tasks WHERE department = @Department AND {where} ORDER BY priority DESC, due_at, id {database.Dialect.Page}",
            new { Department = department, Limit = limit, Offset = offset },
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToArray();
    }

    public Task<TaskRecord?> GetAsync(Guid id, CancellationToken cancellationToken) => GetAsync(id, TaskRow.Columns, cancellationToken);

    public async Task<string?> FormAsync(Guid applicationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            forms == FormStorage.SharedWithEngine
                ? "SELECT form_json FROM applications WHERE id = @Id"
                : "SELECT form_json FROM department_forms WHERE application_id = @Id",
            new { Id = applicationId.ToString() },
            cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<string>> HeldByAsync(Guid applicationId, string department, string clerk, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<string>(new CommandDefinition(
            """
            SELECT step_id FROM department_tasks
            WHERE application_id = @Id AND department = @Department
                AND ((status = 'claimed' AND claimed_by = @Clerk) OR (status = 'completed' AND completed_by = @Clerk))
            """,
            new { Id = applicationId.ToString(), Department = department, Clerk = clerk },
            cancellationToken: cancellationToken))).ToArray();
    }

    public async Task<IReadOnlyList<TaskRecord>> SupplementApprovalsWaitingAsync(string department, int limit, int offset, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<TaskRow>(new CommandDefinition(
            $"SELECT {TaskRow.ColumnsWithoutPayload} FROM department_tasks WHERE department = @Department AND supplement_approval_asked_at IS NOT NULL "
            + $"AND status IN ('open', 'claimed') ORDER BY supplement_approval_asked_at, id {database.Dialect.Page}",
            new { Department = department, Limit = limit, Offset = offset },
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToArray();
    }

    public Task<TaskRecord?> GetSummaryAsync(Guid id, CancellationToken cancellationToken) => GetAsync(id, TaskRow.ColumnsWithoutPayload, cancellationToken);

    public async Task<IReadOnlyList<ExtensionRequest>> ListExtensionsAsync(string department, string filter, int limit, int offset, CancellationToken cancellationToken)
    {
        var status = ExtensionStatuses.Filters.Contains(filter) && filter != "all" ? "status = @Status" : "1 = 1";
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ExtensionRow>(new CommandDefinition(
            $"SELECT {ExtensionRow.Columns} FROM extension_requests WHERE department = @Department AND {status} ORDER BY requested_at, id {database.Dialect.Page}",
            new { Department = department, Status = filter, Limit = limit, Offset = offset },
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToArray();
    }

    public async Task<IReadOnlyList<ExtensionRequest>> ExtensionsOfTaskAsync(Guid taskId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ExtensionRow>(new CommandDefinition(
            $"SELECT {ExtensionRow.Columns} FROM extension_requests WHERE task_id = @Id ORDER BY requested_at, id",
            new { Id = taskId.ToString() },
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToArray();
    }

    public async Task<IReadOnlyList<DepartmentNotice>> NoticesAsync(string department, int limit, int offset, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<NoticeRow>(new CommandDefinition(
            $"SELECT {NoticeRow.Columns} FROM department_notices WHERE department = @Department ORDER BY created_at DESC, id DESC {database.Dialect.Page}",
            new { Department = department, Limit = limit, Offset = offset },
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToArray();
    }

    public async Task<ExtensionRequest?> GetExtensionAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QuerySingleOrDefaultAsync<ExtensionRow>(new CommandDefinition(
            $"SELECT {ExtensionRow.Columns} FROM extension_requests WHERE id = @Id",
            new { Id = id.ToString() },
            cancellationToken: cancellationToken)))?.ToRecord();
    }

    private async Task<TaskRecord?> GetAsync(Guid id, string columns, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QuerySingleOrDefaultAsync<TaskRow>(new CommandDefinition(
            $"SELECT {columns} FROM department_tasks WHERE id = @Id",
            new { Id = id.ToString() },
            cancellationToken: cancellationToken)))?.ToRecord();
    }
}
