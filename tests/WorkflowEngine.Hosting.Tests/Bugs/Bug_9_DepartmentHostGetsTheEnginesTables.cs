using System.Net;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// A department host migrated its database with every script, the engine's included: <c>applications</c>, <c>steps</c>,
/// <c>timers</c>, the audit and statistics tables were all created there, empty, for a department's DBA to wonder at. It
/// now runs the department's own migration set: its tasks, notices, forms, outbox and inbox, users and nothing of the
/// engine. Its clerks' queue still reads from it.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_9_DepartmentHostGetsTheEnginesTables
{
    private static readonly string[] EngineTables = ["applications", "steps", "timers", "audit_events", "definitions", "materials", "open_clocks", "compliance_totals"];

    [Fact]
    public async Task ADepartmentHost_OnSqlite_CreatesOnlyTheDepartmentsTables()
    {
        await using var host = await AllInOneHost.StartDepartmentHostAsync("--Departments:Codes=SAMR");

        await AssertOnlyTheDepartmentsTablesAsync(host, name => host.ScalarAsync("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @Name", new { Name = name }));
    }

    [PostgresFact]
    public async Task ADepartmentHost_OnPostgreSql_CreatesOnlyTheDepartmentsTables()
    {
        await using var databases = new PostgresDatabases();
        var connectionString = await databases.CreateAsync("dept_tables");
        await using var host = await AllInOneHost.StartDepartmentHostAsync(
            "--Departments:Codes=SAMR", "--Database:Provider=postgresql", $"--Database:ConnectionString={connectionString}");

        await AssertOnlyTheDepartmentsTablesAsync(host, name => host.ScalarAsync("SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = @Name", new { Name = name }));
    }

    private static async Task AssertOnlyTheDepartmentsTablesAsync(AllInOneHost host, Func<string, Task<long>> tables)
    {
        foreach (var table in EngineTables)
        {
            Assert.True(await tables(table) == 0, $"the department host's database has the engine's table {table}");
        }

        foreach (var table in new[] { "department_tasks", "department_forms", "outbox", "inbox", "users" })
        {
            Assert.True(await tables(table) == 1, $"the department host's database has no table {table}");
        }

        using var clerk = host.Client("samr-clerk");
        using var queue = await clerk.GetAsync("/api/departments/SAMR/tasks");
        Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
    }
}
