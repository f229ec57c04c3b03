using System.Collections.Frozen;
using WorkflowEngine.Core.Activities;
using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Model;
using WorkflowEngine.DataFiles;

namespace WorkflowEngine.Definitions;

/// <summary>The departments and calendars of an installation, read from the <c>Definitions/</c> folder.</summary>
public sealed class ReferenceData
{
    /// <summary>The departments, and the calendars as declared in their files (an inheriting one naming its parent).</summary>
    public ReferenceData(IEnumerable<Department> departments, IEnumerable<CalendarData> calendars)
    {
        _departments = departments.ToFrozenDictionary(d => d.Code, StringComparer.Ordinal);
        _declared = calendars.ToFrozenDictionary(c => c.Id, StringComparer.Ordinal);
        _calendars = Resolved(_declared);
    }

    /// <summary>The calendars as their files declare them, with the years loaded since: what an inheriting one is counted from.</summary>
    private volatile FrozenDictionary<string, CalendarData> _declared;
    private volatile FrozenDictionary<string, WorkingCalendar> _calendars;
    private volatile FrozenDictionary<string, Department> _departments;

    /// <summary>The departments as they stand now: an administrator may rename one, never add or remove one (each has its queue).</summary>
    public IReadOnlyDictionary<string, Department> Departments => _departments;

    /// <summary>The calendars as they stand now: one read sees one consistent set (a year loaded replaces its calendar whole).</summary>
    public IReadOnlyDictionary<string, WorkingCalendar> Calendars => _calendars;

    /// <summary>
    /// The calendars as they would stand with <paramref name="year"/> loaded into calendar <paramref name="calendarId"/>:
    /// that one and every calendar inheriting its years, the rest as they are. Changes nothing.
    /// </summary>
    public IReadOnlyDictionary<string, WorkingCalendar> WithYear(string calendarId, CalendarYear year) => Resolved(Declared(_declared, calendarId, year));

    /// <summary>
    /// Loads <paramref name="year"/> into calendar <paramref name="calendarId"/> (replacing that year if it was there), and so
    /// into every calendar inheriting its years; into an inheriting calendar, as its own days of that year. Every later read counts on them; a batch that read the old ones finishes on them.
    /// </summary>
    public void LoadYear(string calendarId, CalendarYear year)
    {
        ArgumentNullException.ThrowIfNull(year);
        lock (_replacing)
        {
            var declared = Declared(_declared, calendarId, year);
            var calendars = Resolved(declared);
            _declared = declared;
            _calendars = calendars;
        }
    }

    /// <summary>
    /// The calendars counting the days of <paramref name="calendarId"/>: itself first, then those inheriting from it
    /// (directly or through another), by id.
    /// </summary>
    public IReadOnlyList<WorkingCalendar> Following(string calendarId)
    {
        var parents = _declared.ToDictionary(c => c.Key, c => c.Value.Inherits, StringComparer.Ordinal);
        return [.. Calendars.Values
            .Where(c => c.Id == calendarId || CalendarInheritance.ParentsOf(c.Id, parents).Parents.Contains(calendarId))
            .OrderBy(c => c.Id == calendarId ? 0 : 1).ThenBy(c => c.Id, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The declared calendars with <paramref name="year"/> put in: a calendar keeping its own years takes it as that
    /// year's notice; an inheriting one (a city's, a hall's) as its own days of that year over its parent's notice.
    /// </summary>
    private static FrozenDictionary<string, CalendarData> Declared(FrozenDictionary<string, CalendarData> declared, string calendarId, CalendarYear year)
    {
        var calendar = declared.TryGetValue(calendarId, out var found) ? found : throw new KeyNotFoundException($"未知工作日历“{calendarId}”。");
        var loaded = calendar.Inherits is null
            ? calendar with { Years = [.. calendar.Years.Where(y => y.Year != year.Year).Append(year).OrderBy(y => y.Year)] }
            : calendar with { Changes = [.. calendar.Changes.Where(y => y.Year != year.Year).Append(year).OrderBy(y => y.Year)] };
        return declared.Select(e => e.Key == calendarId ? KeyValuePair.Create(calendarId, loaded) : e).ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static FrozenDictionary<string, WorkingCalendar> Resolved(FrozenDictionary<string, CalendarData> declared) =>
        ReferenceFiles.Resolve(declared.Values);

    /// <summary>
    /// Puts a department's edited names and description in place of the ones read from the files; its code, and so its
    /// queue, stays. Every later read shows them.
    /// </summary>
    public void Rename(Department department)
    {
        ArgumentNullException.ThrowIfNull(department);
        lock (_replacing)
        {
            _departments = Replaced(_departments, department.Code, department, $"未知部门“{department.Code}”。");
        }
    }

    /// <summary>
    /// Renames each department of <paramref name="departments"/> that this installation knows and shows otherwise (as
    /// another process or the engine host has it); returns how many. Unknown codes are left out.
    /// </summary>
    public int RenameChanged(IEnumerable<Department> departments)
    {
        ArgumentNullException.ThrowIfNull(departments);
        var renamed = 0;
        foreach (var department in departments)
        {
            if (Departments.TryGetValue(department.Code, out var shown) && shown != department)
            {
                Rename(department);
                renamed++;
            }
        }

        return renamed;
    }

    /// <summary>A copy with the entry of the key replaced; no entry is ever added.</summary>
    private static FrozenDictionary<string, T> Replaced<T>(FrozenDictionary<string, T> entries, string key, T value, string unknown) =>
        entries.ContainsKey(key)
            ? entries.Select(e => e.Key == key ? KeyValuePair.Create(key, value) : e).ToFrozenDictionary(StringComparer.Ordinal)
            : throw new KeyNotFoundException(unknown);

    private readonly Lock _replacing = new();

    public ValidationEnvironment ValidationEnvironment =>
        new(Departments, Calendars.ToDictionary(c => c.Key, c => c.Value.HoursPerDay, StringComparer.Ordinal));

    public WorkingCalendar Calendar(string id) =>
        Calendars.TryGetValue(id, out var calendar) ? calendar : throw new KeyNotFoundException($"未知工作日历“{id}”。");

    /// <summary>Reads <c>departments.yaml</c> and <c>calendars/</c> under the folder.</summary>
    public static ReferenceData Load(string definitionsRoot)
    {
        var files = ReferenceFiles.Read(definitionsRoot);
        return new ReferenceData(files.Departments, files.Calendars);
    }

    /// <summary>The definition files under <c>services/</c> (YAML or JSON), in a stable order.</summary>
    public static IReadOnlyList<string> ServiceFiles(string definitionsRoot)
    {
        var services = Path.Combine(definitionsRoot, "services");
        return Directory.Exists(services)
            ? Directory.GetFiles(services)
                .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)
                    || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
                    || f.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .ToArray()
            : [];
    }
}
