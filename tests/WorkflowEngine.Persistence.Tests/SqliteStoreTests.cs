using Dapper;
using WorkflowEngine.Persistence.Dialects;

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
