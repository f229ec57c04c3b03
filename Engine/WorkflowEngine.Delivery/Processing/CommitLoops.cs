using Microsoft.Extensions.Logging;

namespace WorkflowEngine.Runtime.Processing;

/// <summary>
/// Several group-commit loops side by side, each work item routed by a key: the same key always goes to the same
/// loop, so two loops never work on one key at once, and one loop's batch is read and decided while another's is
/// written.
/// </summary>
public sealed class CommitLoops<TWork> : IAsyncDisposable
    where TWork : CommitWork
{
    private readonly GroupCommitter<TWork>[] _loops;

    /// <param name="count">How many loops; 0 or less means one per processor.</param>
    public CommitLoops(string name, int count, int maxBatch, int capacity, Func<IReadOnlyList<TWork>, CancellationToken, Task> handleBatch, ILogger logger)
    {
        _loops = new GroupCommitter<TWork>[count > 0 ? count : Environment.ProcessorCount];
        for (var i = 0; i < _loops.Length; i++)
        {
            _loops[i] = new GroupCommitter<TWork>($"{name}-{i + 1}", maxBatch, capacity, handleBatch, logger);
        }
    }

    public int Count => _loops.Length;

    public long Batches => _loops.Sum(l => l.Batches);

    public long Items => _loops.Sum(l => l.Items);

    /// <summary>The loops' busy time added up: up to <see cref="Count"/> times the wall time.</summary>
    public TimeSpan BusyTime => TimeSpan.FromTicks(_loops.Sum(l => l.BusyTime.Ticks));

    public Task<object?> SubmitAsync(Guid key, TWork work, CancellationToken cancellationToken) =>
        _loops[(int)((uint)key.GetHashCode() % (uint)_loops.Length)].SubmitAsync(work, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        foreach (var loop in _loops)
        {
            await loop.DisposeAsync();
        }
    }
}
