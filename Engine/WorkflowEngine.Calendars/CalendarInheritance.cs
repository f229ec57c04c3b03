namespace WorkflowEngine.Calendars;

/// <summary>
/// Turns calendars as declared (a region's or a service hall's naming its parent with <c>inherits</c>) into the calendars
/// counted with: a child takes its parent's time zone, its announced years and their changes, and its office hours unless
/// it gives its own; its own changes go over them. So a year loaded into the parent is loaded into every child, and the
/// child's own days stay its own.
/// </summary>
public static class CalendarInheritance
{
    /// <summary>
    /// Every calendar resolved, in the order given. Refuses (with the calendar named) a parent that is not among them
    /// and a chain that comes back on itself; the file reader reports both at their line before this runs.
    /// </summary>
    public static IReadOnlyList<CalendarData> Resolve(IReadOnlyCollection<CalendarData> declared)
    {
        ArgumentNullException.ThrowIfNull(declared);
        var byId = declared.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var resolved = new Dictionary<string, CalendarData>(StringComparer.Ordinal);
        return [.. declared.Select(c => ResolveOne(c, byId, resolved, []))];
    }

    /// <summary>The chain of parents of <paramref name="id"/>, nearest first, and whether it comes back on itself (a cycle).</summary>
    public static (IReadOnlyList<string> Parents, bool Cycle) ParentsOf(string id, IReadOnlyDictionary<string, string?> parents)
    {
        ArgumentNullException.ThrowIfNull(parents);
        var chain = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { id };
        var current = id;
        while (parents.TryGetValue(current, out var parent) && parent is not null)
        {
            if (!seen.Add(parent))
            {
                return (chain, true);
            }

            chain.Add(parent);
            current = parent;
        }

        return (chain, false);
    }

    /// <summary>The child counted on its resolved parent.</summary>
    public static CalendarData Inherit(CalendarData child, CalendarData parent)
    {
        ArgumentNullException.ThrowIfNull(child);
        ArgumentNullException.ThrowIfNull(parent);
        return child with
        {
            TimeZone = parent.TimeZone,
            OfficeHours = child.OfficeHours.Count > 0 ? child.OfficeHours : parent.OfficeHours,
            Years = [.. parent.Years.Select(y => Tagged(y, parent.Id))],
            Changes = [.. parent.Changes.Select(y => Tagged(y, parent.Id)), .. child.Changes.Select(y => Tagged(y, child.Id))],
            YearsFrom = parent.YearsFrom ?? parent.Id,
        };
    }

    private static CalendarYear Tagged(CalendarYear year, string id) => year.DeclaredBy is null ? year with { DeclaredBy = id } : year;

    private static CalendarData ResolveOne(
        CalendarData calendar, Dictionary<string, CalendarData> byId, Dictionary<string, CalendarData> resolved, HashSet<string> path)
    {
        if (resolved.TryGetValue(calendar.Id, out var done))
        {
            return done;
        }

        if (calendar.Inherits is not { } parentId)
        {
            return resolved[calendar.Id] = calendar;
        }

        if (!path.Add(calendar.Id))
        {
            throw new ArgumentException($"Calendar '{calendar.Id}' inherits from itself through '{parentId}'.", nameof(byId));
        }

        if (!byId.TryGetValue(parentId, out var parent))
        {
            throw new ArgumentException($"Calendar '{calendar.Id}' inherits the unknown calendar '{parentId}'.", nameof(byId));
        }

        return resolved[calendar.Id] = Inherit(calendar, ResolveOne(parent, byId, resolved, path));
    }
}
