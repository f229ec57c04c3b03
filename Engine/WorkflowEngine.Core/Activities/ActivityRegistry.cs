using System.Collections.Frozen;

namespace WorkflowEngine.Core.Activities;

/// <summary>The activity types an engine knows, by key. New types plug in here without touching the interpreter.</summary>
public sealed class ActivityRegistry
{
    private readonly FrozenDictionary<string, IActivity> _byKey;

    public ActivityRegistry(IEnumerable<IActivity> activities)
    {
        var byKey = new Dictionary<string, IActivity>(StringComparer.Ordinal);
        foreach (var activity in activities)
        {
            if (!byKey.TryAdd(activity.Descriptor.Key, activity))
            {
                throw new InvalidOperationException($"Two activities share the key '{activity.Descriptor.Key}'.");
            }
        }

        _byKey = byKey.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public IEnumerable<string> Keys => _byKey.Keys.Order(StringComparer.Ordinal);

    public IEnumerable<IActivity> All => _byKey.Values;

    public bool TryGet(string key, out IActivity activity) => _byKey.TryGetValue(key, out activity!);

    public IActivity Get(string key) =>
        _byKey.TryGetValue(key, out var activity) ? activity : throw new KeyNotFoundException($"Unknown activity '{key}'.");
}
