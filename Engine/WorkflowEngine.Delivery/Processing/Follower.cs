using Microsoft.Extensions.Hosting;

namespace WorkflowEngine.Runtime.Processing;

/// <summary>
/// A background loop that, every <see cref="Interval"/>, takes up what was changed elsewhere (another process on the
/// database, the engine host) and this process does not show yet. It waits on the <see cref="TimeProvider"/>, so a test
/// moves it on; a failed round is reported and the next one comes on the same beat.
/// </summary>
public abstract class Follower(TimeProvider time) : BackgroundService
{
    /// <summary>How long to wait between two rounds.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>Whether to take a round as soon as the host starts, before the first wait.</summary>
    protected virtual bool FollowAtStart => false;

    /// <summary>One round: takes up what changed; returns how many things it took up.</summary>
    public abstract Task<int> FollowAsync(CancellationToken cancellationToken);

    /// <summary>A round took up <paramref name="count"/> (more than none) things.</summary>
    protected abstract void Took(int count);

    /// <summary>A round failed; the next one comes after <see cref="Interval"/>.</summary>
    protected abstract void Failed(Exception exception);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var wait = !FollowAtStart;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (wait)
                {
                    await Task.Delay(Interval, time, stoppingToken);
                }

                wait = true;
                if (await FollowAsync(stoppingToken) is > 0 and var taken)
                {
                    Took(taken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Failed(ex);
            }
        }
    }
}
