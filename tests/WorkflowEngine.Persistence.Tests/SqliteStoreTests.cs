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

    protected override Task DropDatabaseAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}
