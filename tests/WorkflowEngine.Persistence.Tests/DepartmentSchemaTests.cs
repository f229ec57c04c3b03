using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Dapper;
using WorkflowEngine.Persistence.Dialects;

namespace WorkflowEngine.Persistence.Tests;

/// <summary>
/// A department host's database is built by a migration set of its own (<c>Migrations/Departments/&lt;dialect&gt;/</c>,
/// <see cref="DatabaseSchema.Department"/>), the engine's and the all-in-one's by the whole set. The two must leave each
/// department table alike: a fresh database migrated with each, every column (type, nullability, default), index,
/// constraint and seeded row of each table the department set creates is compared, and the department set creates
/// those tables and no other. A later migration that changes a department table in the whole set only (or in the
/// department set only) fails here, naming the table and the column or index that differs.
/// </summary>
public abstract partial class DepartmentSchemaTests : IAsyncLifetime
{
    /// <summary>What a department host reads and writes (Departments.Storage, Identity.Storage, the delivery kernel's outbox, inbox and failed messages).</summary>
    public static readonly string[] DepartmentTables =
    [
        "admin_audit", "department_access_head", "department_access_log", "department_form_corrections", "department_forms", "department_notices", "department_task_events",
        "department_tasks", "departments", "extension_requests", "failed_messages", "inbox", "notice_reads", "outbox", "sign_in_events",
        "unknown_sign_in_names", "user_credentials", "users",
    ];

    protected abstract ISqlDialect Dialect { get; }

    /// <summary>The folder of the dialect's scripts under <c>Migrations/</c> and <c>Migrations/Departments/</c>, for the failure's message.</summary>
    protected abstract string Folder { get; }

    /// <summary>The tables DbUp journals the two sets in.</summary>
    protected abstract (string Engine, string Department) Journals { get; }

    /// <summary>Queries returning the database's shape as rows of (table, item, definition): one row per table, column, index and constraint.</summary>
    protected abstract string[] ShapeQueries { get; }

    /// <summary>Creates an empty database; returns its connection string.</summary>
    protected abstract Task<string> CreateEmptyAsync();

    public Task InitializeAsync() => Task.CompletedTask;

    public abstract Task DisposeAsync();

    [StoreFact]
    public async Task TheDepartmentSet_CreatesTheDepartmentTablesAndNoOther()
    {
        await using var database = new Database(Dialect, await MigratedAsync(DatabaseSchema.Department), DatabaseSchema.Department);
        database.Migrate();

        var tables = (await ShapeAsync(database)).Keys.Order(StringComparer.OrdinalIgnoreCase).ToArray();

        Assert.Equal(DepartmentTables.Append(Journals.Department).Order(StringComparer.OrdinalIgnoreCase), tables, StringComparer.OrdinalIgnoreCase);
    }

    [StoreFact]
    public async Task TheDepartmentSet_LeavesEveryTableItCreatesAsTheWholeSetDoes()
    {
        await using var department = new Database(Dialect, await MigratedAsync(DatabaseSchema.Department), DatabaseSchema.Department);
        await using var whole = new Database(Dialect, await MigratedAsync(DatabaseSchema.Engine), DatabaseSchema.Engine);
        var departmentShape = await ShapeAsync(department);
        var wholeShape = await ShapeAsync(whole);

        var differences = new List<string>();
        foreach (var (table, items) in departmentShape.Where(t => !IsJournal(t.Key)))
        {
            if (!wholeShape.TryGetValue(table, out var wholeItems))
            {
                differences.Add($"{table}: created by the department set, not by the whole set");
                continue;
            }

            foreach (var item in items.Keys.Union(wholeItems.Keys).Order(StringComparer.Ordinal))
            {
                var left = wholeItems.GetValueOrDefault(item);
                var right = items.GetValueOrDefault(item);
                if (left != right)
                {
                    differences.Add($"{table}, {item}: whole set {left ?? "(none)"}; department set {right ?? "(none)"}");
                }
            }
        }

        Assert.True(
            differences.Count == 0,
            $"The department set (Migrations/Departments/{Folder}) leaves the department tables otherwise than the whole set (Migrations/{Folder}). " +
            $"A change to a department table is written in both sets, the department set's as its next script (README, \"Migrations\"):\n  " +
            string.Join("\n  ", differences));
    }

    [StoreFact]
    public async Task ADepartmentDatabaseMigratedWithTheWholeSet_KeepsTheWholeSet()
    {
        // A department host deployed before the department set existed migrated its database with every script.
        await using var upgraded = new Database(Dialect, await MigratedAsync(DatabaseSchema.Engine), DatabaseSchema.Department);
        upgraded.Migrate();

        var tables = (await ShapeAsync(upgraded)).Keys.ToArray();
        Assert.Contains("applications", tables);
        Assert.Contains(Journals.Engine, tables, StringComparer.OrdinalIgnoreCase);
        Assert.DoesNotContain(Journals.Department, tables, StringComparer.OrdinalIgnoreCase);
    }

    [StoreFact]
    public async Task AnEngineOrAllInOneHost_OnADepartmentDatabase_IsRefusedWithTheReason()
    {
        await using var engine = new Database(Dialect, await MigratedAsync(DatabaseSchema.Department), DatabaseSchema.Engine);

        var error = Assert.Throws<InvalidOperationException>(engine.Migrate);
        Assert.Contains("department host's tables only", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A new database migrated with the scripts of <paramref name="schema"/>; returns its connection string.</summary>
    private async Task<string> MigratedAsync(DatabaseSchema schema)
    {
        var connectionString = await CreateEmptyAsync();
        await using var database = new Database(Dialect, connectionString, schema);
        database.Migrate();
        return connectionString;
    }

    private bool IsJournal(string table) =>
        string.Equals(table, Journals.Engine, StringComparison.OrdinalIgnoreCase) || string.Equals(table, Journals.Department, StringComparison.OrdinalIgnoreCase);

    /// <summary>Table → item (<c>column x</c>, <c>index x</c>, <c>rows</c>, …) → its definition, whitespace made single spaces.</summary>
    private async Task<SortedDictionary<string, SortedDictionary<string, string>>> ShapeAsync(Database database)
    {
        var shape = new SortedDictionary<string, SortedDictionary<string, string>>(StringComparer.Ordinal);
        await using var connection = await database.OpenAsync(CancellationToken.None);
        foreach (var query in ShapeQueries)
        {
            foreach (var (table, item, definition) in await connection.QueryAsync<(string, string, string)>(query))
            {
                if (!shape.TryGetValue(table, out var items))
                {
                    shape[table] = items = new SortedDictionary<string, string>(StringComparer.Ordinal);
                }

                items[item] = Whitespace().Replace(definition ?? "", " ").Trim();
            }
        }

        // The rows a migration wrote (the access log's head), compared as text.
        foreach (var (table, items) in shape.Where(t => !IsJournal(t.Key)))
        {
            items["rows"] = await RowsAsync(connection, table);
        }

        return shape;
    }

    private static async Task<string> RowsAsync(DbConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {table}";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join(", ", Enumerable.Range(0, reader.FieldCount)
                .Select(i => $"{reader.GetName(i)}={(reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))}")));
        }

        return rows.Count == 0 ? "(no rows)" : string.Join(" | ", rows.Order(StringComparer.Ordinal));
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
