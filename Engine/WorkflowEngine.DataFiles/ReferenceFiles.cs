using System.Collections.Frozen;
using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Definitions.Calendars;
using WorkflowEngine.Definitions.Departments;

namespace WorkflowEngine.DataFiles;

/// <summary>
/// The departments and calendars of an installation as its <c>Definitions/</c> folder holds them: <c>departments.yaml</c>
/// and <c>calendars/</c>. The engine's reference data and a department host both read them here; a broken file stops
/// either with the same errors (file, line, column).
/// </summary>
public sealed record ReferenceFiles(IReadOnlyList<Department> Departments, IReadOnlyList<CalendarData> Calendars)
{
    /// <summary>Reads <c>departments.yaml</c> (none when there is no such file) and <c>calendars/</c> under the folder.</summary>
    public static ReferenceFiles Read(string definitionsRoot)
    {
        var departmentsFile = Path.Combine(definitionsRoot, "departments.yaml");
        var departments = File.Exists(departmentsFile) ? DepartmentLoader.Load(departmentsFile) : [];
        return new ReferenceFiles(departments, CalendarLoader.LoadDirectory(Path.Combine(definitionsRoot, "calendars")));
    }

    /// <summary>The calendars counted as working calendars, an inheriting one over its parent's years, by id.</summary>
    public FrozenDictionary<string, WorkingCalendar> WorkingCalendars() => Resolve(Calendars);

    /// <summary>Calendars as declared, each inheriting one resolved over its parent's, as working calendars by id.</summary>
    public static FrozenDictionary<string, WorkingCalendar> Resolve(IEnumerable<CalendarData> declared) =>
        CalendarInheritance.Resolve([.. declared.OrderBy(c => c.Id, StringComparer.Ordinal)])
            .Select(c => new WorkingCalendar(c))
            .ToFrozenDictionary(c => c.Id, StringComparer.Ordinal);
}
