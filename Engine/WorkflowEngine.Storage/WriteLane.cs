namespace WorkflowEngine.Persistence;

/// <summary>
/// How a database's write transactions get their connection (<see cref="Dialects.ISqlDialect.CreateWriteLane"/>): a
/// pooled connection each where the database takes many writers (<see cref="PooledWriteLane"/>), or the one connection
/// writers take turns on where it takes one (<see cref="Dialects.SqliteWriteLane"/>).
/// </summary>
public abstract class WriteLane : IAsyncDisposable
{
    private long _writeTicks;

    /// <summary>How long write transactions have been open in total.</summary>
    public TimeSpan WriteTime => TimeSpan.FromTicks(Interlocked.Read(ref _writeTicks));

    /// <summary>How long writers have waited for their turn in total (zero where writers do not queue in process).</summary>
    public virtual TimeSpan WaitTime => TimeSpan.Zero;

    /// <summary>How many writers waited for a turn, and how long the lane stood idle in total before each ran.</summary>
    public virtual (long Count, TimeSpan Idle) Handovers => (0, TimeSpan.Zero);

    /// <summary>Begins a write transaction.</summary>
    public abstract Task<WriteScope> BeginAsync(CancellationToken cancellationToken);

    /// <summary>Closes what the lane keeps open, once the write running now, if any, is done.</summary>
    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>What <see cref="DisposeAsync"/> closes: nothing where every write has a connection of its own.</summary>
    protected virtual ValueTask CloseAsync() => ValueTask.CompletedTask;

    /// <summary>Called by a scope once its transaction has committed.</summary>
    protected internal virtual void Committed()
    {
    }

    /// <summary>Called by a scope once it is disposed: its transaction was open for <paramref name="held"/>.</summary>
    protected internal virtual void Released(TimeSpan held) => Interlocked.Add(ref _writeTicks, held.Ticks);
}
