using System.Diagnostics.CodeAnalysis;

namespace WorkflowEngine.Runtime.Users;

/// <summary>
/// People's names (the names kept in the user directory, e.g. 张三) by their login ids, read for a whole page at once
/// (<see cref="ReadAsync"/>): what a page shows where it names a person. An id the directory has no name for (a
/// deleted user, a service account, a clerk of a department's own system who claimed through a message) reads as
/// itself: never an empty name.
/// </summary>
public sealed class UserNames
{
    /// <summary>No names: every id reads as itself.</summary>
    public static readonly UserNames None = new(new Dictionary<string, string>(StringComparer.Ordinal));

    private readonly IReadOnlyDictionary<string, string> _names;

    private UserNames(IReadOnlyDictionary<string, string> names) => _names = names;

    /// <summary>The person's name, or the id itself where the directory has none; null for nobody.</summary>
    [return: NotNullIfNotNull(nameof(id))]
    public string? Of(string? id) => id is null ? null : _names.TryGetValue(id, out var name) ? name : id;

    /// <summary>Every name read (a page's sentences written earlier, such as a notice, may name any of them).</summary>
    public IEnumerable<string> Read => _names.Values;

    /// <summary>The names of <paramref name="ids"/> (blanks and repeats ignored) in one directory read; none read for no id.</summary>
    public static async Task<UserNames> ReadAsync(IDirectoryStore directory, IEnumerable<string?> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(ids);
        var wanted = ids.Where(id => !string.IsNullOrWhiteSpace(id)).Select(id => id!).ToHashSet(StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            return None;
        }

        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var user in await directory.FindUsersAsync(wanted, cancellationToken))
        {
            if (!string.IsNullOrWhiteSpace(user.Name))
            {
                names[user.Id] = user.Name.Trim();
            }
        }

        return new UserNames(names);
    }
}
