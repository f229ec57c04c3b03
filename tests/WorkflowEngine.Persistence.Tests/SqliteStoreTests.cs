using System.Text.RegularExpressions;
using Dapper;
using WorkflowEngine.Persistence.Dialects;
using WorkflowEngine.Persistence.Stores;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Persistence.Tests;

/// <summary>The store suite on SQLite, in a fresh file per test.</summary>
public sealed class SqliteStoreTests : StoreComplianceTests
{
    private readonly string _directory = Directory.CreateTempSubdirectory("workflow-sqlite-").FullName;

    protected override Task<Database> CreateDatabaseAsync()
    {
        var database = new Database(new SqliteDialect(), $"Data Source={Path.Combine(_directory, "test.db")}");
        database.Migrate();
        return Task.FromResult(database);
    }

    /// <summary>
    /// Loading a holiday year recounts the open applications a page at a time, finished ones with a step still at its
    /// department included. SQLite keeps no index of the waiting steps (migration 0004: it would cost every step two
    /// writes in the single write lane), and the query read them with <c>IN (SELECT … WHERE status …)</c>: every step
    /// of every application ever, once for each page. It now looks up each application's steps by their key.
    /// </summary>
    [Fact]
    public async Task TheCalendarRecount_FindsWaitingStepsByTheStepsKey_NotByScanningEveryStep()
    {
        var (sql, parameters) = await RecountQueryAsync();
        await using var connection = await Database.OpenAsync(CancellationToken.None);

        var plan = string.Join('\n', (await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + sql, parameters))
            .Select(row => row.Detail));

        Assert.DoesNotContain("SCAN steps", plan, StringComparison.Ordinal);
        Assert.Contains("SEARCH steps USING PRIMARY KEY (application_id=?)", plan, StringComparison.Ordinal);
    }

    /// <summary>
    /// The queue's indexes hold open tasks only (0074), so that a task leaving the queue stops rewriting them; SQLite uses
    /// a partial index only when the query's WHERE contains the index's condition. Every list the desk and the supervisor
    /// read, and its count, must still reach the department's tasks through an index of the status it lists, never by
    /// scanning every department's tasks: the open queue and its filters through the open tasks' indexes, the history
    /// through the decided tasks' index (by service too), "all" and the search through the three together.
    /// </summary>
    [Fact]
    public async Task TheQueue_ReadsEveryListAndCountThroughTheIndexOfItsStatus()
    {
        var search = new TaskSearch("YB2026", "张");
        var cases = new (TaskQueueFilter Filter, string[] Indexes)[]
        {
            (new(TaskStatuses.Open), ["ix_tasks_department"]),
            (new("unclaimed"), ["ix_tasks_department"]),
            (new(TaskStatuses.Claimed), ["ix_tasks_department"]),
            (new(TaskStatuses.Open, "business-opening"), ["ix_tasks_service"]),
            (new(TaskStatuses.Open, DueBy: Now), ["ix_tasks_department"]),
            (new(TaskStatuses.Open, "business-opening", Now), ["ix_tasks_service"]),
            (new(TaskStatuses.Open, Card: "red"), ["ix_tasks_department"]),
            (new(TaskStatuses.Open, SupervisedOnly: true), ["ix_tasks_department"]),
            (new(TaskStatuses.Open, PausedOnly: true), ["ix_tasks_department"]),
            (new(TaskStatuses.Open, Search: search), ["ix_tasks_department"]),
            (new(TaskStatuses.Completed), ["ix_tasks_completed"]),
            (new(TaskStatuses.Completed, "business-opening"), ["ix_tasks_completed"]),
            (new(TaskStatuses.Cancelled), ["ix_tasks_cancelled"]),
            (new("all"), ["ix_tasks_department", "ix_tasks_completed", "ix_tasks_cancelled"]),
            (new("all", "business-opening"), ["ix_tasks_service", "ix_tasks_completed", "ix_tasks_cancelled"]),
            (new("all", Search: search), ["ix_tasks_department", "ix_tasks_completed", "ix_tasks_cancelled"]),
        };
        await using var connection = await Database.OpenAsync(CancellationToken.None);

        var wrong = new List<string>();
        foreach (var (filter, indexes) in cases)
        {
            var (sql, count, parameters) = SqlTaskQueries.QueueCommand(Database.Dialect, "SAMR", filter, 50, 100);
            foreach (var query in new[] { sql, count })
            {
                var plan = await QueryPlanAsync(connection, query, parameters);
                var reads = plan.Where(line => line.Contains("department_tasks", StringComparison.Ordinal)).ToArray();
                var used = reads.Select(line => Regex.Match(line, @"^SEARCH department_tasks USING (?:COVERING )?INDEX (\w+) \(department=\?").Groups[1].Value).ToArray();
                if (used.Contains("") || !used.Order().SequenceEqual(indexes.Order()))
                {
                    wrong.Add($"{filter}{(query == count ? " (count)" : "")}: expected {string.Join(", ", indexes)}; plan {string.Join(" | ", plan)}");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task TheDepartmentsServices_AreReadThroughTheIndexesOfTheirTasks()
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);

        var plan = await QueryPlanAsync(connection, SqlTaskQueries.ServicesCommand, new { Department = "SAMR" });

        Assert.DoesNotContain(plan, line => line.StartsWith("SCAN department_tasks", StringComparison.Ordinal));
        Assert.Equal(3, plan.Count(line => line.StartsWith("SEARCH department_tasks USING", StringComparison.Ordinal)));
    }

    private static async Task<string[]> QueryPlanAsync(System.Data.Common.DbConnection connection, string sql, object parameters) =>
        [.. (await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + sql, parameters)).Select(row => row.Detail)];

    [Fact]
    public async Task WriteLane_AWriterThatGivesUpWaiting_DoesNotHoldUpTheOthers()
    {
        var first = await Database.BeginWriteAsync(CancellationToken.None);
        using var impatient = new CancellationTokenSource();
        var givingUp = Database.BeginWriteAsync(impatient.Token);
        var patient = Database.BeginWriteAsync(CancellationToken.None);
        Assert.False(givingUp.IsCompleted);
        Assert.False(patient.IsCompleted);

        await impatient.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => givingUp);
        Assert.False(patient.IsCompleted);

        // Only one writer at a time: the patient one gets the lane when the first lets go, and then the next.
        await first.DisposeAsync();
        Task<WriteScope> next;
        await using (await patient.WaitAsync(TimeSpan.FromSeconds(5)))
        {
            next = Database.BeginWriteAsync(CancellationToken.None);
            Assert.False(next.IsCompleted);
        }

        await (await next.WaitAsync(TimeSpan.FromSeconds(5))).DisposeAsync();
    }

    [Fact]
    public async Task LogCheckpointer_CopiesTheLogBackIntoTheDatabase_WithoutWaitingForAWriter()
    {
        var file = new FileInfo(Path.Combine(_directory, "test.db"));
        var before = file.Length;
        using var stopping = new CancellationTokenSource();
        var checkpointer = new LogCheckpointer(Database, Microsoft.Extensions.Logging.Abstractions.NullLogger<LogCheckpointer>.Instance);
        await checkpointer.StartAsync(stopping.Token);
        try
        {
            // 2 MB in 32 commits: far below the size at which a writer would checkpoint by itself.
            for (var i = 0; i < SqliteWriteLane.CommitsPerCheckpoint; i++)
            {
                await using var write = await Database.BeginWriteAsync(CancellationToken.None);
                await using var command = write.Connection.CreateCommand();
                command.Transaction = write.Transaction;
                command.CommandText = "CREATE TABLE IF NOT EXISTS filler (data BLOB); INSERT INTO filler VALUES (randomblob(65536));";
                await command.ExecuteNonQueryAsync();
                await write.CommitAsync(CancellationToken.None);
            }

            for (var wait = 0; wait < 100 && new FileInfo(file.FullName).Length < before + 2_000_000; wait++)
            {
                await Task.Delay(50);
            }

            Assert.True(new FileInfo(file.FullName).Length >= before + 2_000_000, "the database file never received what the log held");
        }
        finally
        {
            await stopping.CancelAsync();
            await checkpointer.StopAsync(CancellationToken.None);
        }
    }

    protected override Task DropDatabaseAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}
