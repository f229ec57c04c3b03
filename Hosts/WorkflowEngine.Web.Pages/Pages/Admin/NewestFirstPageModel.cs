using Microsoft.AspNetCore.Mvc.RazorPages;

namespace WorkflowEngine.Hosting.Pages.Admin;

/// <summary>
/// An administrator's page of a record read newest first, <see cref="PageSize"/> lines at a time, with a link to the
/// older ones while there are more.
/// </summary>
public abstract class NewestFirstPageModel<TItem> : PageModel
{
    public const int PageSize = 100;

    /// <summary>The lines of this page, newest first.</summary>
    public IReadOnlyList<TItem> Items { get; private set; } = [];

    public int Offset { get; private set; }

    /// <summary>Whether an older page exists (one more line than a page was read).</summary>
    public bool More { get; private set; }

    /// <summary>Where the older page starts.</summary>
    public int NextOffset => Offset + PageSize;

    /// <summary>Reads the page at <paramref name="offset"/> (none or a negative one: the newest) with <paramref name="read"/> (limit, offset).</summary>
    protected async Task ReadPageAsync(int? offset, Func<int, int, Task<IReadOnlyList<TItem>>> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        Offset = Math.Max(offset ?? 0, 0);
        var lines = await read(PageSize + 1, Offset);
        More = lines.Count > PageSize;
        Items = lines.Take(PageSize).ToArray();
    }
}
