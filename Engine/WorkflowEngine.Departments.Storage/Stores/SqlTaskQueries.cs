using System.Data.Common;
using Dapper;
using WorkflowEngine.Persistence.Dialects;
using WorkflowEngine.Persistence.Rows;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>The clerk workbench's reads: a department's queue by urgency, a page at a time; one task.</summary>
public sealed class SqlTaskQueries(Database database, FormStorage forms = FormStorage.PerApplication) : ITaskQueries
{
    /// <summary>
    /// Unfinished tasks by urgency: red card (0), yellow (1), none (2); finished ones after them (3). Cards come from
    /// the engine's warnings, so a task past its time sorts first however its due time was revised.
    /// </summary>
    private const string Urgency =
        "CASE WHEN status NOT IN ('open', 'claimed') THEN 3 WHEN warning = 'red' THEN 0 WHEN warning = 'yellow' THEN 1 ELSE 2 END";

    /// <summary>
    /// The conditions of the task indexes, written as their migrations write them (SQLite 0074): the queue's indexes hold
    /// open tasks only, decided and withdrawn ones have an index each. SQLite uses a partial index only when the query's
    /// WHERE contains its condition, and SQL Server a filtered one only when its filter is written in literals; so every
    /// query names the set it reads, a narrower status beside it.
    /// </summary>
    private const string OpenTasks = "status IN ('open', 'claimed')";

    private const string CompletedTasks = "status = 'completed'";

    private const string CancelledTasks = "status = 'cancelled'";

    /// <summary>Every task, as the three indexed sets: each arm read through its own index (SQLite's "MULTI-INDEX OR", PostgreSQL's BitmapOr).</summary>
    private const string AnyTask = $"({OpenTasks} OR {CompletedTasks} OR {CancelledTasks})";

    /// <summary>The services a department's tasks, open or decided, belong to (the queue's service filter), with <c>@Department</c>.</summary>
    public const string ServicesCommand =
        $"SELECT service_id, MIN(service_title), MIN(service_title_en) FROM department_tasks WHERE department = @Department AND {AnyTask} GROUP BY service_id ORDER BY service_id";

    public async Task<TaskQueuePage> QueueAsync(string department, TaskQueueFilter filter, int limit, int offset, CancellationToken cancellationToken)
    {
        var (sql, count, parameters) = QueueCommand(database.Dialect, department, filter, limit, offset);
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<TaskRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(count, parameters, cancellationToken: cancellationToken));
        return new TaskQueuePage(rows.Select(r => r.ToRecord()).ToArray(), (int)Math.Min(total, int.MaxValue));
    }

    /// <summary>
    /// The page's query and its count, with their parameters: every filter in the WHERE clause, so the page and its
    /// total are over the whole queue. Completed tasks newest first come from the partial index of decided tasks, the
    /// open queue from the open tasks' indexes, "all" and the search from the three sets' indexes together.
    /// </summary>
    public static (string Sql, string CountSql, object Parameters) QueueCommand(
        ISqlDialect dialect, string department, TaskQueueFilter filter, int limit, int offset)
    {
        var where = new List<string>
        {
            "department = @Department",
            filter.Status switch
            {
                TaskStatuses.Open => OpenTasks,
                "unclaimed" => $"{OpenTasks} AND status = 'open'",
                TaskStatuses.Claimed => $"{OpenTasks} AND status = 'claimed'",
                TaskStatuses.Completed => CompletedTasks,
                TaskStatuses.Cancelled => CancelledTasks,
                _ => AnyTask,
            },
        };
        if (!string.IsNullOrEmpty(filter.Service))
        {
            where.Add("service_id = @Service");
        }

        if (filter.DueBy is not null)
        {
            where.Add("due_at <= @DueBy");
        }

        if (filter.Card is not null)
        {
            where.Add("warning = @Card");
        }

        if (filter.SupervisedOnly)
        {
            where.Add("supervised_at IS NOT NULL");
        }

        if (filter.PausedOnly)
        {
            where.Add("clock_paused_at IS NOT NULL");
        }

        if (filter.Search is not null)
        {
            // LIKE, not a range over the numbers: under a PostgreSQL locale's collation the "-" inside a number may
            // not order as its code does.
            where.Add("(tracking_number = @SearchNumber OR tracking_number LIKE @SearchNumberPrefix ESCAPE '!' OR LOWER(applicant_name) LIKE @SearchName ESCAPE '!')");
        }

        var order = filter.Status switch
        {
            TaskStatuses.Completed => "completed_at DESC, id DESC",
            TaskStatuses.Cancelled => "dispatched_at DESC, id DESC",
            "all" => $"{Urgency}, CASE WHEN status IN ('open', 'claimed') THEN priority ELSE 0 END DESC, "
                + "CASE WHEN status IN ('open', 'claimed') THEN due_at ELSE -COALESCE(completed_at, dispatched_at) END, id",
            _ => $"{Urgency}, priority DESC, due_at, id",
        };
        var condition = string.Join(" AND ", where);
        return (
            $"SELECT {TaskRow.ColumnsWithoutPayload} FROM department_tasks WHERE {condition} ORDER BY {order} {dialect.Page}",
            $"SELECT COUNT(*) FROM department_tasks WHERE {condition}",
            new
            {
                Department = department, Service = filter.Service, DueBy = Instants.ToMs(filter.DueBy), filter.Card, Limit = limit, Offset = offset,
                SearchNumber = filter.Search?.TrackingNumber,
                SearchNumberPrefix = filter.Search is { } number ? LikePatterns.Escape(number.TrackingNumber) + "%" : null,
                SearchName = filter.Search is { } name ? "%" + LikePatterns.Escape(name.ApplicantName.ToLowerInvariant()) + "%" : null,
            });
    }

    public async Task<IReadOnlyList<(string Id, string Title, string? TitleEn)>> ServicesAsync(string department, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<(string, string, string?)>(new CommandDefinition(
            ServicesCommand,
            new { Department = department },
            cancellationToken: cancellationToken))).ToArray();
    }

    public async Task<IReadOnlyList<TaskEvent>> HistoryAsync(Guid taskId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await HistoryAsync(connection, null, taskId, cancellationToken);
    }

    public async Task<TaskDetail?> DetailAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var snapshot = await database.Dialect.BeginSnapshotAsync(connection, cancellationToken);
        return await GetAsync(connection, snapshot, id, TaskRow.Columns, cancellationToken) is { } task
            ? new TaskDetail(
                task,
                await FormAsync(connection, snapshot, task.ApplicationId, cancellationToken),
                await ExtensionsOfTaskAsync(connection, snapshot, id, cancellationToken),
                await HistoryAsync(connection, snapshot, id, cancellationToken),
                await CorrectionsAsync(connection, snapshot, task.ApplicationId, cancellationToken))
            : null;
    }

    public Task<TaskRecord?> GetAsync(Guid id, CancellationToken cancellationToken) => GetAsync(id, TaskRow.Columns, cancellationToken);

    public async Task<string?> FormAsync(Guid applicationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FormAsync(connection, null, applicationId, cancellationToken);
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
            + $"AND {OpenTasks} ORDER BY supplement_approval_asked_at, id {database.Dialect.Page}",
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
        return await ExtensionsOfTaskAsync(connection, null, taskId, cancellationToken);
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
        return await GetAsync(connection, null, id, columns, cancellationToken);
    }

    private static async Task<TaskRecord?> GetAsync(DbConnection connection, DbTransaction? snapshot, Guid id, string columns, CancellationToken cancellationToken) =>
        (await connection.QuerySingleOrDefaultAsync<TaskRow>(new CommandDefinition(
            $"SELECT {columns} FROM department_tasks WHERE id = @Id",
            new { Id = id.ToString() },
            snapshot,
            cancellationToken: cancellationToken)))?.ToRecord();

    private Task<string?> FormAsync(DbConnection connection, DbTransaction? snapshot, Guid applicationId, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            forms == FormStorage.SharedWithEngine
                ? "SELECT form_json FROM applications WHERE id = @Id"
                : "SELECT form_json FROM department_forms WHERE application_id = @Id",
            new { Id = applicationId.ToString() },
            snapshot,
            cancellationToken: cancellationToken));

    /// <summary>The answers the applicant corrected, as the engine told this host, oldest first.</summary>
    private static async Task<IReadOnlyList<CorrectedAnswer>> CorrectionsAsync(
        DbConnection connection, DbTransaction? snapshot, Guid applicationId, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<(int Revision, string Field, string OldJson, string NewJson, long At)>(new CommandDefinition(
            "SELECT form_revision, field, old_json, new_json, corrected_at FROM department_form_corrections WHERE application_id = @Id ORDER BY form_revision, field",
            new { Id = applicationId.ToString() },
            snapshot,
            cancellationToken: cancellationToken)))
        .Select(r => new CorrectedAnswer(applicationId, r.Revision, r.Field, r.OldJson, r.NewJson, Instants.FromMs(r.At)))
        .ToArray();

    private static async Task<IReadOnlyList<ExtensionRequest>> ExtensionsOfTaskAsync(DbConnection connection, DbTransaction? snapshot, Guid taskId, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<ExtensionRow>(new CommandDefinition(
            $"SELECT {ExtensionRow.Columns} FROM extension_requests WHERE task_id = @Id ORDER BY requested_at, id",
            new { Id = taskId.ToString() },
            snapshot,
            cancellationToken: cancellationToken))).Select(r => r.ToRecord()).ToArray();

    private static async Task<IReadOnlyList<TaskEvent>> HistoryAsync(DbConnection connection, DbTransaction? snapshot, Guid taskId, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<(long At, string Kind, string? Actor, string? Detail)>(new CommandDefinition(
            "SELECT occurred_at, kind, actor, detail FROM department_task_events WHERE task_id = @Id ORDER BY seq",
            new { Id = taskId.ToString() },
            snapshot,
            cancellationToken: cancellationToken))).Select(r => new TaskEvent(taskId, Instants.FromMs(r.At), r.Kind, r.Actor, r.Detail)).ToArray();
}
