using System.Text.Json.Nodes;
using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Forms;
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

    /// <param name="formJson">The application's form as stored: a required material that only steps the answers do not run use is not owed.</param>
    public static IReadOnlyList<MaterialStatus> Of(
        WorkflowDefinition definition,
        IEnumerable<MaterialRecord> stored,
        string? formJson,
        DateTimeOffset? acceptedAt,
        WorkingCalendar calendar,
        IReadOnlyList<DeferredMaterial>? deferred = null)
    {
        var latest = stored
            .GroupBy(m => m.MaterialKey, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(m => m.Version)!, StringComparer.Ordinal);
        var needed = NeededBy(definition, formJson);
        return definition.Materials.Select(spec =>
        {
            if (latest.TryGetValue(spec.Key, out var file))
            {
                return new MaterialStatus(spec.Key, spec.Name.Zh, spec.Required, Received, null, file);
            }

            if (spec.Required && !needed(spec))
            {
                // Required only for steps these answers do not run (the bank's form when no account is wanted).
                return new MaterialStatus(spec.Key, spec.Name.Zh, false, NotNeeded, null, null);
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

    /// <summary>
    /// True when every required material the answers call for (<see cref="MaterialConditions"/>) is there or may be
    /// supplied later (容缺): the same materials the form asks for, so an application never waits for one nobody uses.
    /// </summary>
    public static bool ReadyToAccept(WorkflowDefinition definition, IEnumerable<MaterialRecord> stored, string? formJson)
    {
        var keys = stored.Select(m => m.MaterialKey).ToHashSet(StringComparer.Ordinal);
        var needed = NeededBy(definition, formJson);
        return definition.Materials.All(m => !m.Required || m.Deferrable is not null || keys.Contains(m.Key) || !needed(m));
    }

    /// <summary>The required materials accepted without (容缺): their due time and reminder start with the flow.</summary>
    public static string[] DeferredKeys(WorkflowDefinition definition, IEnumerable<MaterialRecord> stored, string? formJson)
    {
        var keys = stored.Select(m => m.MaterialKey).ToHashSet(StringComparer.Ordinal);
        var needed = NeededBy(definition, formJson);
        return [.. definition.Materials.Where(m => m is { Required: true, Deferrable: not null } && !keys.Contains(m.Key) && needed(m)).Select(m => m.Key)];
    }

    /// <summary>Whether the answers call for a material; the form is read only when a required material is missing.</summary>
    private static Func<MaterialSpec, bool> NeededBy(WorkflowDefinition definition, string? formJson)
    {
        IReadOnlyDictionary<string, object?>? values = null;
        return spec => spec.UsedBy.Count == 0
            || MaterialConditions.IsNeeded(definition, spec, values ??= FormValues.ForConditions(definition, formJson is null ? null : JsonNode.Parse(formJson) as JsonObject));
    }
}
