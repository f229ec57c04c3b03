using System.Collections.Frozen;
using WorkflowEngine.Core.Activities;
using WorkflowEngine.Core.Calendars;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Definitions.Calendars;
using WorkflowEngine.Definitions.Departments;

namespace WorkflowEngine.Definitions;

/// <summary>The departments and calendars of an installation, read from the <c>Definitions/</c> folder.</summary>
public sealed class ReferenceData
{
    public ReferenceData(IEnumerable<Department> departments, IEnumerable<CalendarData> calendars)
    {
        Departments = departments.ToFrozenDictionary(d => d.Code, StringComparer.Ordinal);
        Calendars = calendars.Select(c => new WorkingCalendar(c)).ToFrozenDictionary(c => c.Id, StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, Department> Departments { get; }

    public IReadOnlyDictionary<string, WorkingCalendar> Calendars { get; }

    public ValidationEnvironment ValidationEnvironment =>
        new(Departments, Calendars.ToDictionary(c => c.Key, c => c.Value.HoursPerDay, StringComparer.Ordinal));

    public WorkingCalendar Calendar(string id) =>
        Calendars.TryGetValue(id, out var calendar) ? calendar : throw new KeyNotFoundException($"未知工作日历“{id}”。");

    /// <summary>Reads <c>departments.yaml</c> and <c>calendars/</c> under the folder.</summary>
    public static ReferenceData Load(string definitionsRoot)
    {
        var departmentsFile = Path.Combine(definitionsRoot, "departments.yaml");
        var departments = File.Exists(departmentsFile) ? DepartmentLoader.Load(departmentsFile) : [];
        var calendars = CalendarLoader.LoadDirectory(Path.Combine(definitionsRoot, "calendars"));
        return new ReferenceData(departments, calendars);
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
