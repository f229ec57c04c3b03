using Dapper;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>The <c>departments</c> table as administrators edit it, beside the users of each (the host's own database, on either side).</summary>
public sealed class SqlDepartmentEntries(Database database) : IDepartmentEntries
{
    public async Task<IReadOnlyList<DepartmentEntry>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"""
            SELECT d.code AS Code, d.name_zh AS NameZh, d.name_en AS NameEn, d.description AS Description, d.edited_by AS EditedBy, d.edited_at AS EditedAt,
                (SELECT COUNT(*) FROM users u WHERE u.department = d.code AND u.role = '{Roles.Clerk}' AND u.disabled_at IS NULL) AS Clerks,
                (SELECT COUNT(*) FROM users u WHERE u.department = d.code AND u.role = '{Roles.Supervisor}' AND u.disabled_at IS NULL) AS Supervisors
            FROM departments d ORDER BY d.code
            """,
            cancellationToken: cancellationToken));
        return rows.Select(r => new DepartmentEntry(r.ToDepartment(), (int)r.Clerks, (int)r.Supervisors, r.EditedBy, Instants.FromMs(r.EditedAt))).ToArray();
    }

    public async Task<bool> EditAsync(DirectoryDepartment department, AdminAuditEntry audit, CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);
        var updated = await write.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE departments SET name_zh = @NameZh, name_en = @NameEn, description = @Description, edited_by = @By, edited_at = @At WHERE code = @Code",
            new { department.Code, department.NameZh, department.NameEn, department.Description, By = audit.Actor, At = Instants.ToMs(audit.At) },
            write.Transaction,
            cancellationToken: cancellationToken));
        if (updated == 0)
        {
            return false;
        }

        await AdminAuditSql.InsertAsync(write, audit, cancellationToken);
        await write.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<DirectoryDepartment>> EditedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            "SELECT code AS Code, name_zh AS NameZh, name_en AS NameEn, description AS Description FROM departments WHERE edited_at IS NOT NULL",
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToDepartment()).ToArray();
    }

    private sealed class Row
    {
        public string Code { get; set; } = "";

        public string NameZh { get; set; } = "";

        public string? NameEn { get; set; }

        public string? Description { get; set; }

        public string? EditedBy { get; set; }

        public long? EditedAt { get; set; }

        public long Clerks { get; set; }

        public long Supervisors { get; set; }

        public DirectoryDepartment ToDepartment() => new(Code, NameZh, NameEn, Description);
    }
}
