using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using WorkflowEngine.Runtime.Stores;

namespace WorkflowEngine.Runtime.Processing;

/// <summary>
/// Group commit: callers queue work and wait; one loop takes whatever has queued up (up to a batch size) and handles it
/// in one transaction. Under load, one commit serves hundreds of messages; when idle, a lone message goes at once.
/// A batch that meets a concurrent change is run again on fresh state; a batch that fails otherwise is retried item by
/// item, so one bad message cannot sink the others.
/// </summary>
public sealed class GroupCommitter<TWork> : IAsyncDisposable
    where TWork : CommitWork
{
    private const int ConcurrencyRetries = 5;
    private readonly Channel<TWork> _channel;
    private readonly Func<IReadOnlyList<TWork>, CancellationToken, Task> _handleBatch;
    private readonly int _maxBatch;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    public GroupCommitter(string name, int maxBatch, int capacity, Func<IReadOnlyList<TWork>, CancellationToken, Task> handleBatch, ILogger logger)
    {
        Name = name;
        _maxBatch = maxBatch;
        _handleBatch = handleBatch;
        _logger = logger;
        _channel = Channel.CreateBounded<TWork>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _loop = Task.Run(RunAsync);
    }

    public string Name { get; }

    public long Batches { get; private set; }

    public long Items { get; private set; }

    /// <summary>How long the loop has spent on batches in total: its load, since it handles one batch at a time.</summary>
    public TimeSpan BusyTime { get; private set; }

    public async Task<object?> SubmitAsync(TWork work, CancellationToken cancellationToken)
    {
        await _channel.Writer.WriteAsync(work, cancellationToken);
        return await work.Completion.WaitAsync(cancellationToken);
    }

    private async Task RunAsync()
    {
        var reader = _channel.Reader;
        var batch = new List<TWork>(_maxBatch);
        try
        {
            while (await reader.WaitToReadAsync(_stopping.Token))
            {
                batch.Clear();
                while (batch.Count < _maxBatch && reader.TryRead(out var work))
                {
                    batch.Add(work);
                }

                await HandleAsync(batch);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Shutting down: whatever is still queued is failed below.
        }

        while (reader.TryRead(out var left))
        {
            left.Cancel();
        }
    }

    private async Task HandleAsync(List<TWork> batch)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            await RunAsync(batch);
            Batches++;
            Items += batch.Count;
        }
        catch (Exception ex) when (batch.Count > 1 && !_stopping.IsCancellationRequested)
        {
            _logger.LogWarning(ex, "{Committer}: a batch of {Count} failed; retrying its items one by one", Name, batch.Count);
            foreach (var work in batch.Where(w => !w.IsDone).ToArray())
            {
                try
                {
                    await RunAsync([work]);
                }
                catch (Exception single)
                {
                    work.Fail(single);
                }
            }
        }
        catch (Exception ex)
        {
            foreach (var work in batch)
            {
                work.Fail(ex);
            }
        }

        foreach (var work in batch.Where(w => !w.IsDone))
        {
            work.Fail(new InvalidOperationException($"{Name} finished a batch without answering an item."));
        }

        BusyTime += System.Diagnostics.Stopwatch.GetElapsedTime(started);
    }

    /// <summary>Runs a batch, again on fresh state when someone else changed what it read (optimistic concurrency).</summary>
    private async Task RunAsync(List<TWork> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _handleBatch(batch, _stopping.Token);
                return;
            }
            catch (ConcurrencyException) when (attempt < ConcurrencyRetries)
            {
                _logger.LogDebug("{Committer}: concurrent change, batch of {Count} run again (attempt {Attempt})", Name, batch.Count, attempt);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            await _stopping.CancelAsync();
            try
            {
                await _loop;
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "{Committer} stopped with an error", Name);
            }
        }

        _stopping.Dispose();
    }
}
