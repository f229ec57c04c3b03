using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Api.Desk;

/// <summary>
/// One line of a task's history (办理记录): what (<see cref="TaskEventKinds"/>, or <see cref="Dispatched"/>,
/// <see cref="ExtensionRequested"/>, <see cref="ExtensionDecided"/>, <see cref="FormCorrected"/>), when, by whom, with
/// what (the clerk given the task, an excluded period's kind, an outcome, the time asked for, the answers corrected) and
/// why. The task page and the API read the same lines.
/// </summary>
public sealed record TaskHistoryEntry(DateTimeOffset At, string Kind, string? Actor, string? Detail, string? Reason, ExtensionRequest? Extension = null)
{
    /// <summary>The step reached the department.</summary>
    public const string Dispatched = "dispatched";

    /// <summary>The clerk holding the task asked for more time; the detail is the time asked for.</summary>
    public const string ExtensionRequested = "extension-requested";

    /// <summary>A supervisor answered a request for more time; the detail is the answer (approved, refused).</summary>
    public const string ExtensionDecided = "extension-decided";

    /// <summary>
    /// The applicant corrected answers of the application's form (补正, for this department's request or another's) while
    /// the task was here; the detail is the fields' keys, comma-separated. One line per correction, however often the
    /// department was told of it.
    /// </summary>
    public const string FormCorrected = "form-corrected";

    /// <summary>
    /// The clerks a release's or a reassignment's detail names by login id: the holder a task was given back by, or the
    /// clerk who held a reassigned task (where one did) and the clerk it went to. None for any other line.
    /// </summary>
    public IReadOnlyList<string> PeopleInDetail => (Kind, Detail) switch
    {
        (TaskEventKinds.Released, { Length: > 0 } holder) => [holder],
        (TaskEventKinds.Reassigned, { Length: > 0 } moved) => moved.Split(TaskEventKinds.ReassignedFromTo, 2),
        _ => [],
    };

    /// <summary>Everyone the line names by login id: who acted, and whom the detail names (<see cref="PeopleInDetail"/>).</summary>
    public IEnumerable<string?> People => Enumerable.Prepend<string?>(PeopleInDetail, Actor);

    /// <summary>
    /// The detail with its clerks by name (a release's holder; a reassignment's "from → to", or "to"); null for a line
    /// whose detail names nobody.
    /// </summary>
    public string? DetailNamed(UserNames names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return PeopleInDetail is { Count: > 0 } people ? string.Join(TaskEventKinds.ReassignedFromTo, people.Select(names.Of)) : null;
    }

    /// <summary>
    /// The task's history, oldest first: its dispatch, every event its department kept (claims, releases, reassignments,
    /// supplement rounds, excluded periods, the decision), its requests for more time with their answers, and each
    /// correction of the application's answers made since its dispatch (one made before came with the step, and the
    /// page notes it above the form). A task from before its department kept events shows what its own fields still say.
    /// </summary>
    public static IReadOnlyList<TaskHistoryEntry> Of(TaskView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var task = view.Task;
        var lines = new List<TaskHistoryEntry> { new(task.DispatchedAt, Dispatched, null, null, null) };
        lines.AddRange(view.History.Count > 0 ? view.History.Select(From) : FromFields(task));
        foreach (var extension in view.Extensions)
        {
            lines.Add(new(extension.RequestedAt, ExtensionRequested, extension.RequestedBy, extension.Amount, extension.Reason, extension));
            if (extension.DecidedAt is { } decided)
            {
                lines.Add(new(decided, ExtensionDecided, extension.DecidedBy, extension.Status, extension.Decision, extension));
            }
        }

        // Read from the corrections the department keeps once each (by revision and field), not from events written as
        // each message came: a correction told twice, or told again in a later step, is still one line.
        foreach (var correction in view.Corrections.Where(c => c.CorrectedAt >= task.DispatchedAt).GroupBy(c => c.FormRevision))
        {
            lines.Add(new(correction.First().CorrectedAt, FormCorrected, null, string.Join(",", correction.Select(c => c.Field)), null));
        }

        // Stable: events of one instant keep the order they happened in.
        return [.. lines.OrderBy(l => l.At)];
    }

    private static TaskHistoryEntry From(TaskEvent e)
    {
        if (e.Kind is TaskEventKinds.ExclusionStarted or TaskEventKinds.Decided)
        {
            var (code, words) = e.Parts();
            return new(e.At, e.Kind, e.Actor, code, string.IsNullOrEmpty(words) ? null : words);
        }

        return new(e.At, e.Kind, e.Actor, e.Detail, null);
    }

    private static IEnumerable<TaskHistoryEntry> FromFields(TaskRecord task)
    {
        if (task.SupplementRequestedAt is { } asked)
        {
            yield return new(asked, TaskEventKinds.SupplementRequested, null, null, null);
        }

        if (task.SupplementSuppliedAt is { } supplied)
        {
            yield return new(supplied, TaskEventKinds.SupplementSupplied, null, null, null);
        }

        if (task.ClaimedAt is { } claimed && task.ClaimedBy is { } by)
        {
            yield return new(claimed, TaskEventKinds.Claimed, by, null, null);
        }

        if (task.CompletedAt is { } completed)
        {
            yield return new(completed, TaskEventKinds.Decided, task.CompletedBy, task.Outcome, null);
        }
    }
}
