using Microsoft.Extensions.Options;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Identity;

/// <summary>
/// Each account's <see cref="AccountStanding"/>, kept for <see cref="SignInSettings.SessionCheckCacheDuration"/> so that a
/// busy session or script is not read from the database at every request. Every write in this process that renews a stamp,
/// disables an account or changes its role, or signs a person out, forgets the account once its change is committed (the
/// stores are registered wrapped in <see cref="SessionCheckWrites"/>' decorators, so no caller has to remember to), so
/// that the next request here reads the account afresh and an old token or cookie is refused at once. Another
/// process's change is seen here once the entry's time is up: that, and no more, is how long it may be late. A request
/// with the identity platform's access token reads its account here too, and compares the record kept with the token's
/// claims (<see cref="PlatformIdentity.AdmitAsync"/>); writing a changed record through the directory forgets the entry
/// the same way (<see cref="SessionCheckedDirectoryStore"/>).
/// <para>
/// Concurrent requests for one account share one read. The read is placed in the cache before it starts, so a
/// <see cref="Forget"/> that comes while it runs removes it, and the requests after that start a read of their own, which
/// sees the committed change. At most <see cref="SignInSettings.SessionCheckCacheSize"/> accounts are kept; beyond that
/// (after dropping the expired ones) a request reads the database as without a cache.
/// </para>
/// </summary>
public sealed class SessionCheckCache(IAccountStandings standings, TimeProvider clock, IOptions<SignInSettings> settings)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async Task<AccountStanding?> FindAsync(string userId, CancellationToken cancellationToken)
    {
        var lifetime = settings.Value.SessionCheckCacheDuration;
        if (lifetime <= TimeSpan.Zero)
        {
            return await standings.FindAsync(userId, cancellationToken);
        }

        var now = clock.GetUtcNow();
        Task<AccountStanding?> read;
        Task<Task<AccountStanding?>>? started = null;
        lock (_gate)
        {
            if (_entries.TryGetValue(userId, out var entry) && entry.Until > now && !entry.Read.IsFaulted && !entry.Read.IsCanceled)
            {
                read = entry.Read;
            }
            else
            {
                // Started once out of the lock (SQLite's reads run synchronously), and not with the caller's
                // cancellation: other requests may come to share it.
                started = new Task<Task<AccountStanding?>>(() => standings.FindAsync(userId, CancellationToken.None));
                read = started.Unwrap();
                if (_entries.Count < settings.Value.SessionCheckCacheSize || DropExpired(now))
                {
                    _entries[userId] = new Entry(read, now + lifetime);
                }
            }
        }

        started?.RunSynchronously(TaskScheduler.Default);
        return await read.WaitAsync(cancellationToken);
    }

    /// <summary>The account's stamp or standing changed here: the next request reads it from the database.</summary>
    public void Forget(string userId)
    {
        lock (_gate)
        {
            _entries.Remove(userId);
        }
    }

    /// <summary>
    /// Forgets the account once <paramref name="write"/> is done: a store's write commits before its task completes, so a
    /// read after this sees the change. Forgotten also when the write failed, which may have committed all the same and
    /// costs one read at most.
    /// </summary>
    public async Task ForgetAfterAsync(string userId, Task write)
    {
        ArgumentNullException.ThrowIfNull(write);
        try
        {
            await write;
        }
        finally
        {
            Forget(userId);
        }
    }

    /// <inheritdoc cref="ForgetAfterAsync(string, Task)"/>
    public async Task<T> ForgetAfterAsync<T>(string userId, Task<T> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        try
        {
            return await write;
        }
        finally
        {
            Forget(userId);
        }
    }

    /// <summary>Removes the expired entries; whether there is room now.</summary>
    private bool DropExpired(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (entry.Until <= now)
            {
                _entries.Remove(key);
            }
        }

        return _entries.Count < settings.Value.SessionCheckCacheSize;
    }

    private sealed record Entry(Task<AccountStanding?> Read, DateTimeOffset Until);
}
