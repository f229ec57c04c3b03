namespace WorkflowEngine.Runtime.Processing;

/// <summary>An auto-reset wake-up: many notifications before a wait count as one.</summary>
public abstract class WakeSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        if (_signal.CurrentCount != 0)
        {
            return;
        }

        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Another thread signalled first; one wake-up is enough.
        }
    }

    /// <summary>Waits for a notification or the timeout; true when notified.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    public void Dispose()
    {
        _signal.Dispose();
        GC.SuppressFinalize(this);
    }
}
