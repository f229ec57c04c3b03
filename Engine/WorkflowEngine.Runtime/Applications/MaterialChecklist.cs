using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Runtime.Applications;

/// <summary>Which listed materials an application has, which are deferred (容缺) and until when, and which it still lacks.</summary>
public static class MaterialChecklist
{
    public const string Received = "received";
    public const string Deferred = "deferred";

    /// <summary>Accepted late (容缺), and its due time passed without it.</summary>
    public const string Overdue = "overdue";
    public const string Missing = "missing";
    public const string NotNeeded = "optional";

    public static IReadOnlyList<MaterialStatus> Of(
        WorkflowDefinition definition,
        IEnumerable<MaterialRecord> stored,
        DateTimeOffset? acceptedAt,
        WorkingCalendar calendar,
        IReadOnlyList<DeferredMaterial>? deferred = null)
    {
        var latest = stored
            .GroupBy(m => m.MaterialKey, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(m => m.Version)!, StringComparer.Ordinal);
        return definition.Materials.Select(spec =>
        {
            if (latest.TryGetValue(spec.Key, out var file))
            {
                return new MaterialStatus(spec.Key, spec.Name.Zh, spec.Required, Received, null, file);
            }

            if (spec.Required && spec.Deferrable is { } period)
            {
                // The flow's own record once it has one (an application accepted before 容缺 was enforced has none).
                if (deferred?.FirstOrDefault(d => d.Key == spec.Key) is { } kept)
                {
                    return new MaterialStatus(spec.Key, spec.Name.Zh, true, kept.Blocking ? Overdue : Deferred, kept.DueAt, null);
                }

                DateTimeOffset? dueBy = acceptedAt is { } accepted ? calendar.Add(accepted, period) : null;
                return new MaterialStatus(spec.Key, spec.Name.Zh, true, Deferred, dueBy, null);
            }

            return new MaterialStatus(spec.Key, spec.Name.Zh, spec.Required, spec.Required ? Missing : NotNeeded, null, null);
        }).ToArray();
    }

    /// <summary>True when every required material is there or may be supplied later (容缺).</summary>
    public static bool ReadyToAccept(WorkflowDefinition definition, IEnumerable<MaterialRecord> stored)
    {
        var keys = stored.Select(m => m.MaterialKey).ToHashSet(StringComparer.Ordinal);
        return definition.Materials.All(m => !m.Required || m.Deferrable is not null || keys.Contains(m.Key));
    }
}
