using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// A configuration source holding nothing, added last so that every read of any setting asks it first: it counts the
/// reads of each key (a value looked up, or a section's children listed), to show what a host reads while it serves.
/// </summary>
internal sealed class CountingConfiguration : ConfigurationProvider, IConfigurationSource
{
    private readonly ConcurrentDictionary<string, int> _reads = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The keys read since the last <see cref="Reset"/>, with how often, under <paramref name="prefix"/>.</summary>
    public IReadOnlyDictionary<string, int> ReadsUnder(string prefix) =>
        _reads.Where(r => r.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).ToDictionary(r => r.Key, r => r.Value, StringComparer.OrdinalIgnoreCase);

    public void Reset() => _reads.Clear();

    /// <summary>Sets <paramref name="key"/> and announces a reload, as an edited <c>appsettings.json</c> does when watched.</summary>
    public void Change(string key, string value)
    {
        Set(key, value);
        OnReload();
    }

    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    public override bool TryGet(string key, out string? value)
    {
        _reads.AddOrUpdate(key, 1, (_, n) => n + 1);
        return base.TryGet(key, out value);
    }

    public override IEnumerable<string> GetChildKeys(IEnumerable<string> earlierKeys, string? parentPath)
    {
        _reads.AddOrUpdate(parentPath ?? "", 1, (_, n) => n + 1);
        return base.GetChildKeys(earlierKeys, parentPath);
    }
}
