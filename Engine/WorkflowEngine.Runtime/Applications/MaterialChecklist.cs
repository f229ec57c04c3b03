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
        IReadOnlyList<DeferredMaterial>? deferred = null) =>
        Standings(definition, stored, formJson).Select(s => s.Standing switch
        {
            Standing.Received => new MaterialStatus(s.Spec.Key, s.Spec.Name.Zh, s.Spec.Required, Received, null, s.File),
            // Required only for steps these answers do not run (the bank's form when no account is wanted).
            Standing.NotOwed => new MaterialStatus(s.Spec.Key, s.Spec.Name.Zh, false, NotNeeded, null, null),
            // The flow's own record once it has one (an application accepted before 容缺 was enforced has none).
            Standing.Deferrable when deferred?.FirstOrDefault(d => d.Key == s.Spec.Key) is { } kept =>
                new MaterialStatus(s.Spec.Key, s.Spec.Name.Zh, true, kept.Blocking ? Overdue : Deferred, kept.DueAt, null),
            Standing.Deferrable => new MaterialStatus(
                s.Spec.Key, s.Spec.Name.Zh, true, Deferred, acceptedAt is { } accepted ? calendar.Add(accepted, s.Spec.Deferrable!) : null, null),
            Standing.Missing => new MaterialStatus(s.Spec.Key, s.Spec.Name.Zh, true, Missing, null, null),
            _ => new MaterialStatus(s.Spec.Key, s.Spec.Name.Zh, false, NotNeeded, null, null),
        }).ToArray();

    /// <summary>
    /// True when every required material the answers call for (<see cref="MaterialConditions"/>) is there or may be
    /// supplied later (容缺): the same materials the form asks for, so an application never waits for one nobody uses.
    /// </summary>
    public static bool ReadyToAccept(WorkflowDefinition definition, IEnumerable<MaterialRecord> stored, string? formJson) =>
        Standings(definition, stored, formJson).All(s => s.Standing != Standing.Missing);

    /// <summary>The required materials accepted without (容缺): their due time and reminder start with the flow.</summary>
    public static string[] DeferredKeys(WorkflowDefinition definition, IEnumerable<MaterialRecord> stored, string? formJson) =>
        [.. Standings(definition, stored, formJson).Where(s => s.Standing == Standing.Deferrable).Select(s => s.Spec.Key)];

    /// <summary>Where each listed material stands, with its latest upload: the one place that says which materials are owed.</summary>
    private static IEnumerable<(MaterialSpec Spec, Standing Standing, MaterialRecord? File)> Standings(
        WorkflowDefinition definition, IEnumerable<MaterialRecord> stored, string? formJson)
    {
        var latest = stored
            .GroupBy(m => m.MaterialKey, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(m => m.Version)!, StringComparer.Ordinal);
        var needed = NeededBy(definition, formJson);
        foreach (var spec in definition.Materials)
        {
            var file = latest.GetValueOrDefault(spec.Key);
            yield return (spec, file is not null ? Standing.Received
                : !spec.Required ? Standing.Optional
                : !needed(spec) ? Standing.NotOwed
                : spec.Deferrable is not null ? Standing.Deferrable
                : Standing.Missing, file);
        }
    }

    /// <summary>
    /// Whether the answers call for a material; the form is read only when a required material is missing. A stored form
    /// that cannot be read (not JSON, or not an object) calls for every material a step uses: the application then waits
    /// for, or is accepted without (容缺), what its answers might need, rather than start a step without it or fail.
    /// </summary>
    private static Func<MaterialSpec, bool> NeededBy(WorkflowDefinition definition, string? formJson)
    {
        var answers = new Lazy<IReadOnlyDictionary<string, object?>?>(() => AnswersOf(definition, formJson), LazyThreadSafetyMode.None);
        return spec => spec.UsedBy.Count == 0 || answers.Value is not { } values || MaterialConditions.IsNeeded(definition, spec, values);
    }

    /// <summary>The answers as conditions see them, or null when the stored form cannot be read.</summary>
    private static IReadOnlyDictionary<string, object?>? AnswersOf(WorkflowDefinition definition, string? formJson)
    {
        if (formJson is null)
        {
            return FormValues.ForConditions(definition, null);
        }

        return StoredForm.Read(formJson) is { } form ? FormValues.ForConditions(definition, form) : null;
    }

    /// <summary>Where a listed material stands before the flow's 容缺 records are read.</summary>
    private enum Standing
    {
        Received,

        /// <summary>Not required.</summary>
        Optional,

        /// <summary>Required only by steps the answers do not run.</summary>
        NotOwed,

        /// <summary>Required, missing, and may be supplied later (容缺).</summary>
        Deferrable,

        /// <summary>Required, missing, and holds the application until it comes.</summary>
        Missing,
    }
}
