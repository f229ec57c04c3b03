using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Identity;

/// <summary>
/// Wrong sign-ins under names that have no account, counted and locked as an account's are (<see cref="LockoutPolicy"/>),
/// so that the answer after the fifth try (locked, and for how long) does not tell a real name from a made-up one. Held
/// in memory, at most <see cref="MaxNames"/> names: a made-up name has no row to count in, and a restart forgetting the
/// counts only gives a prober the tries a real account's first failures would have given them too.
/// </summary>
public sealed class UnknownNameLockout
{
    /// <summary>Bounds what a stream of made-up names can take; past it, the names not locked and then the longest-untouched go first.</summary>
    public const int MaxNames = 10_000;

    private readonly Dictionary<string, Entry> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();

    /// <summary>Until when the name is locked at <paramref name="now"/>, or null when it is not.</summary>
    public DateTimeOffset? LockedUntil(string userName, DateTimeOffset now)
    {
        lock (_gate)
        {
            return _names.TryGetValue(userName, out var entry) && entry.LockedUntil > now ? entry.LockedUntil : null;
        }
    }

    /// <summary>Counts one more failure, as the credential store counts an account's; returns the lock's end when this one locks the name.</summary>
    public DateTimeOffset? RecordFailure(string userName, DateTimeOffset now, LockoutPolicy policy)
    {
        lock (_gate)
        {
            if (!_names.TryGetValue(userName, out var entry))
            {
                MakeRoom(now);
                entry = new Entry();
                _names[userName] = entry;
            }

            entry.Touched = now;
            entry.Failures++;
            if (entry.Failures < policy.MaxFailures)
            {
                return null;
            }

            entry.Failures = 0;
            entry.LockedUntil = now + policy.Duration;
            return entry.LockedUntil;
        }
    }

    private void MakeRoom(DateTimeOffset now)
    {
        if (_names.Count < MaxNames)
        {
            return;
        }

        foreach (var stale in _names.Where(n => n.Value.LockedUntil <= now).Select(n => n.Key).ToList())
        {
            _names.Remove(stale);
        }

        if (_names.Count >= MaxNames)
        {
            _names.Remove(_names.MinBy(n => n.Value.Touched).Key);
        }
    }

    private sealed class Entry
    {
        public int Failures { get; set; }

        public DateTimeOffset LockedUntil { get; set; } = DateTimeOffset.MinValue;

        public DateTimeOffset Touched { get; set; }
    }
}
