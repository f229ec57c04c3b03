using System.Text.RegularExpressions;
using Dapper;
using WorkflowEngine.Persistence.Dialects;
using WorkflowEngine.Persistence.Stores;
using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Runtime.Stores;

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

    /// <summary>
    /// The inbox prune reads no more than it deletes, both ways (SQLite 0075): entries not ordered by their id through
    /// the partial <c>ix_inbox_processed_at</c>, the others in their consumer's range of the key, and the consumers one
    /// step each down the key. A scan would read the whole retention's messages every ten minutes in the write lane.
    /// </summary>
    [Fact]
    public async Task InboxPrune_SearchesTheIndexAndTheKey_NeverScansTheInbox()
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        var dialect = Database.Dialect;

        var byTime = await QueryPlanAsync(connection, dialect.PruneInbox, new { Before = 1L, Max = 10 });
        var consumers = await QueryPlanAsync(connection, dialect.InboxConsumers, new { });
        var byId = await QueryPlanAsync(connection, dialect.PruneInboxById, new { Consumer = "engine", Bound = "0", Before = 1L, Max = 10 });

        Assert.DoesNotContain(byTime.Concat(consumers).Concat(byId), line => line.StartsWith("SCAN inbox", StringComparison.Ordinal));
        Assert.Contains("SEARCH inbox USING COVERING INDEX ix_inbox_processed_at (processed_at<?)", byTime);
        Assert.Contains("SEARCH inbox USING PRIMARY KEY (consumer=? AND message_id<?)", byId);
    }

    /// <summary>
    /// An entry whose id the prune finds by its time is written into the inbox's key alone: the partial
    /// <c>ix_inbox_processed_at</c> holds only the others (a department system's own ids, a message replayed days after it
    /// was made), so a commit of the engine's or a department's messages writes one b-tree of the inbox, not two.
    /// </summary>
    [Fact]
    public async Task Inbox_EntriesWithTimeOrderedIds_AreNotWrittenIntoTheProcessedAtIndex()
    {
        var now = Guid.CreateVersion7(Now).ToString();
        var replayed = Guid.CreateVersion7(Now.AddDays(-3)).ToString();
        var changes = new EngineChanges();
        changes.Inbox.AddRange([now, replayed, now.ToUpperInvariant(), "report-7"]);
        await new SqlEngineStore(Database).SaveAsync(changes, Now, CancellationToken.None);
        await using var connection = await Database.OpenAsync(CancellationToken.None);

        var index = await connection.ExecuteScalarAsync<string>("SELECT sql FROM sqlite_schema WHERE name = 'ix_inbox_processed_at'");
        var marked = (await connection.QueryAsync<(string MessageId, long PrunedById)>("SELECT message_id, pruned_by_id FROM inbox"))
            .ToDictionary(row => row.MessageId, row => row.PrunedById);

        Assert.EndsWith("WHERE pruned_by_id = 0", index, StringComparison.Ordinal);
        Assert.Equal(1, marked[now]);
        Assert.Equal(0, marked[replayed]);
        Assert.Equal(0, marked[now.ToUpperInvariant()]);
        Assert.Equal(0, marked["report-7"]);
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
