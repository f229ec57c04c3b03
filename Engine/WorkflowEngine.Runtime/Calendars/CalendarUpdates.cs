using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Forms;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Definitions;
using WorkflowEngine.Definitions.Calendars;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Definitions;
using WorkflowEngine.Runtime.Processing;

namespace WorkflowEngine.Runtime.Calendars;

/// <summary>
/// Loads a year's holiday arrangement (the State Council publishes next year's late in the year, when December's
/// applications already count into January): checks it, shows which open applications' due times it moves, keeps it
/// over the calendar's files, and counts every open application again on it — each through the engine, so that the
/// department holding a step is told and the timers follow; what moved is read off that one count, not a second run.
/// A year loaded into a calendar is loaded into every calendar inheriting its years, and their open applications are
/// counted again with the same care. A year loaded into an inheriting calendar (a city's local holiday, a hall's worked
/// Saturday) is its own days of that year over its parent's notice, and counts the same way on it and its own followers.
/// </summary>
public sealed partial class CalendarUpdates(
    ReferenceData reference,
    ICalendarYearStore store,
    IApplicationQueries applications,
    DefinitionRegistry definitions,
    WorkflowInterpreter interpreter,
    EngineProcessor engine,
    TimeProvider time,
    ILogger<CalendarUpdates> logger) : IDisposable
{
    private const int Page = 200;

    /// <summary>The stored years this process has put in place, by when they were loaded: another process may load one later.</summary>
    private readonly HashSet<(string Calendar, int Year, DateTimeOffset LoadedAt)> _applied = [];
    private readonly SemaphoreSlim _applying = new(1, 1);

    /// <summary>
    /// Checks <paramref name="text"/> as one year's arrangement of calendar <paramref name="calendarId"/>; with
    /// <paramref name="preview"/> only says which due times it would move, otherwise also keeps it and recounts. With
    /// <paramref name="expectedYear"/> (the year addressed, as in <c>PUT …/years/2027</c>) the text must be that year's.
    /// </summary>
    public async Task<CalendarYearOutcome> LoadAsync(string calendarId, string text, string actor, bool preview, int? expectedYear, CancellationToken cancellationToken)
    {
        if (!reference.Calendars.TryGetValue(calendarId, out var current))
        {
            return CalendarYearOutcome.NotFound;
        }

        // Checked against the years loaded: two naming one date differently would count it as whichever came last. An
        // inheriting calendar's (a city's, a hall's) are its own days over its parent's notice, checked against its own.
        var inheriting = current.Data.Inherits is not null;
        var (year, errors) = CalendarLoader.ReadYear(
            text, $"calendars/{calendarId}/{expectedYear?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "year"}.yaml", expectedYear,
            OwnYears(current), ownChanges: inheriting);
        if (year is null)
        {
            return CalendarYearOutcome.Invalid(errors);
        }

        var replaced = OwnYears(current).Any(y => y.Year == year.Year);
        var note = NoteOf(current, year);
        if (preview)
        {
            var before = reference.Calendars;
            var next = reference.WithYear(calendarId, year);
            var family = reference.Following(calendarId).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
            return new CalendarYearOutcome(CalendarYearStatus.Previewed, year, replaced, await MovedAsync(family, before, next, year.Year, note, actor, cancellationToken), []);
        }

        var now = time.GetUtcNow();
        IReadOnlyDictionary<string, WorkingCalendar> counted;
        await _applying.WaitAsync(cancellationToken);
        try
        {
            await store.SaveAsync(new StoredCalendarYear(calendarId, year.Year, text, actor, now, null), cancellationToken);
            counted = reference.Calendars;
            reference.LoadYear(calendarId, year);
            _applied.Add((calendarId, year.Year, DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds())));
        }
        finally
        {
            _applying.Release();
        }

        var moved = await RecountAsync(calendarId, year.Year, note, actor, counted, cancellationToken);
        LogLoaded(calendarId, year.Year, actor, moved.Count);
        return new CalendarYearOutcome(CalendarYearStatus.Loaded, year, replaced, moved, []);
    }

    /// <summary>
    /// At start: puts the loaded years over the calendars read from files, and finishes a recount a stop interrupted.
    /// A stored year that no longer reads (the rules grew stricter) is left out with an error in the log.
    /// </summary>
    public async Task ApplyStoredAsync(CancellationToken cancellationToken)
    {
        var stored = await ApplyNewAsync(cancellationToken);
        await RecountEachAsync(stored.Where(r => r.RecountedAt is null), cancellationToken);
    }

    /// <summary>
    /// Picks up the years another engine process on the same database loaded since this one looked, and counts this
    /// process's view of the open applications again on them (a step it changed meanwhile on the old calendar moves
    /// back; one already counted again changes no more). Returns how many years it took.
    /// </summary>
    public async Task<int> FollowAsync(CancellationToken cancellationToken)
    {
        var taken = await ApplyNewAsync(cancellationToken);
        await RecountEachAsync(taken, cancellationToken);
        return taken.Count;
    }

    private async Task RecountEachAsync(IEnumerable<StoredCalendarYear> rows, CancellationToken cancellationToken)
    {
        foreach (var row in rows)
        {
            if (reference.Calendars.TryGetValue(row.CalendarId, out var calendar)
                && OwnYears(calendar).FirstOrDefault(y => y.Year == row.Year) is { } year)
            {
                await RecountAsync(row.CalendarId, row.Year, NoteOf(calendar, year), row.LoadedBy, null, cancellationToken);
            }
        }
    }

    /// <summary>Puts in place the stored years not yet applied here; returns them.</summary>
    private async Task<IReadOnlyList<StoredCalendarYear>> ApplyNewAsync(CancellationToken cancellationToken)
    {
        await _applying.WaitAsync(cancellationToken);
        try
        {
            return await ApplyNewLockedAsync(cancellationToken);
        }
        finally
        {
            _applying.Release();
        }
    }

    private async Task<IReadOnlyList<StoredCalendarYear>> ApplyNewLockedAsync(CancellationToken cancellationToken)
    {
        var stored = (await store.ListAsync(cancellationToken)).Where(r => !_applied.Contains((r.CalendarId, r.Year, r.LoadedAt))).ToArray();
        foreach (var row in stored)
        {
            _applied.Add((row.CalendarId, row.Year, row.LoadedAt));
            if (!reference.Calendars.TryGetValue(row.CalendarId, out var current))
            {
                LogUnknownCalendar(row.CalendarId, row.Year);
                continue;
            }

            var (year, errors) = CalendarLoader.ReadYear(row.Body, $"calendars/{row.CalendarId}/{row.Year}", ownChanges: current.Data.Inherits is not null);
            if (year is null)
            {
                LogUnreadable(row.CalendarId, row.Year, string.Join("; ", errors.Select(e => e.Message)));
                continue;
            }

            reference.LoadYear(row.CalendarId, year);
        }

        return stored;
    }

    public void Dispose() => _applying.Dispose();

    /// <summary>The years an administrator loaded, newest first per calendar: who and when.</summary>
    public Task<IReadOnlyList<StoredCalendarYear>> LoadedAsync(CancellationToken cancellationToken) => store.ListAsync(cancellationToken);

    /// <summary>
    /// The years the administrator loads into <paramref name="calendar"/>: a calendar's own notices, or an inheriting
    /// calendar's own days over its parent's (its parent's years are loaded into the parent).
    /// </summary>
    private static IEnumerable<CalendarYear> OwnYears(WorkingCalendar calendar) =>
        calendar.Data.Inherits is null ? calendar.Data.Years : calendar.Data.Changes.Where(y => (y.DeclaredBy ?? calendar.Id) == calendar.Id);

    private static string NoteOf(WorkingCalendar calendar, CalendarYear year) =>
        (calendar.Data.Inherits is null ? $"{year.Year} 年节假日安排已公布" : $"工作日历“{calendar.Id}”{year.Year} 年本地放假与上班日已更新")
        + (string.IsNullOrWhiteSpace(year.Source) ? "" : $"（{year.Source}）");

    /// <summary>Runs the recount through the pure interpreter on a copy of each open application: what the load would do.</summary>
    private async Task<IReadOnlyList<MovedDueTime>> MovedAsync(
        IReadOnlySet<string> family, IReadOnlyDictionary<string, WorkingCalendar> current, IReadOnlyDictionary<string, WorkingCalendar> next,
        int year, string note, string actor, CancellationToken cancellationToken)
    {
        var moved = new List<MovedDueTime>();
        var now = time.GetUtcNow();
        await foreach (var (application, definition) in OpenAsync(family, cancellationToken))
        {
            var calendarId = definition.CalendarId;
            var result = interpreter.Apply(
                definition, application.State, application.DataFor(definition), new CalendarChangedEvent(calendarId, note, actor, year), next[calendarId], now);
            moved.AddRange(Moved(application, definition, application.State, result, current[calendarId], next[calendarId]));
        }

        return moved;
    }

    /// <summary>
    /// The due times one recount of an application moved: its steps' and stages', its deferred materials', its
    /// verifications' (事后核查), its bundle's. A step, stage, verification task or bundle is listed when its promised or
    /// its statutory due time moved, with both as they were and as they are.
    /// </summary>
    private static IEnumerable<MovedDueTime> Moved(
        ApplicationRecord application, WorkflowDefinition definition, InstanceState before, InterpretResult result, WorkingCalendar current, WorkingCalendar next)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in result.Audit.Where(a => a.Type is "DueRecounted" or "DeferredMaterialRecounted" or AuditTypes.VerificationRecounted))
        {
            var material = entry.Type == "DeferredMaterialRecounted" ? entry.Data!["material"] : null;
            var kind = material is not null ? MovedDueTime.MaterialKind
                : entry.Type == AuditTypes.VerificationRecounted ? MovedDueTime.VerificationKind
                : MovedDueTime.StepKind;
            var node = entry.StepId is { } step && definition.Nodes.TryGetValue(step, out var found) ? found : null;
            var (statutoryBefore, statutoryAfter) = kind == MovedDueTime.StepKind && node is not null ? StatutoryDue(node, before, result.State, current, next)
                : kind == MovedDueTime.VerificationKind ? (InstantOf(entry, "statutoryBefore"), InstantOf(entry, "statutoryAfter"))
                : default;
            if (kind == MovedDueTime.StepKind && node is not null)
            {
                listed.Add(node.Id);
            }

            yield return new MovedDueTime(
                application.Id,
                application.TrackingNumber,
                application.ServiceId,
                kind,
                entry.StepId,
                material,
                material is not null ? definition.MaterialName(material) : node?.DisplayTitle,
                DateTimeOffset.Parse(entry.Data!["before"]!, System.Globalization.CultureInfo.InvariantCulture),
                DateTimeOffset.Parse(entry.Data!["after"]!, System.Globalization.CultureInfo.InvariantCulture))
            {
                StatutoryBefore = statutoryBefore,
                StatutoryAfter = statutoryAfter,
            };
        }

        // A step or stage whose statutory due time moved while its shorter promised one did not.
        foreach (var node in definition.Flow.DescendantsAndSelf().Where(n => n.StatutoryLimit is not null && !listed.Contains(n.Id)))
        {
            var (statutoryBefore, statutoryAfter) = StatutoryDue(node, before, result.State, current, next);
            if (statutoryBefore is not null && statutoryAfter is not null && statutoryBefore != statutoryAfter
                && before.Find(node.Id)?.DueAt is { } promisedBefore && result.State.Find(node.Id)?.DueAt is { } promisedAfter)
            {
                yield return new MovedDueTime(
                    application.Id, application.TrackingNumber, application.ServiceId, MovedDueTime.StepKind, node.Id, null, node.DisplayTitle, promisedBefore, promisedAfter)
                {
                    StatutoryBefore = statutoryBefore,
                    StatutoryAfter = statutoryAfter,
                };
            }
        }

        if (before.Clock is { Count: > 0 })
        {
            var bundleBefore = ApplicationClocks.BundleDue(definition, before, current);
            var bundleAfter = ApplicationClocks.BundleDue(definition, result.State, next);
            // A bundle held to its statutory limit alone is timed against that one, as a step with only a statutory limit is.
            if ((bundleBefore.Promised ?? bundleBefore.Statutory) is { } dueBefore && (bundleAfter.Promised ?? bundleAfter.Statutory) is { } dueAfter
                && (dueBefore != dueAfter || bundleBefore.Statutory != bundleAfter.Statutory))
            {
                yield return new MovedDueTime(
                    application.Id, application.TrackingNumber, application.ServiceId, MovedDueTime.BundleKind, null, null, definition.Title.Zh, dueBefore, dueAfter)
                {
                    StatutoryBefore = bundleBefore.Statutory,
                    StatutoryAfter = bundleAfter.Statutory,
                };
            }
        }
    }

    /// <summary>An instant an audit entry of the recount carries; null where it has none.</summary>
    private static DateTimeOffset? InstantOf(AuditEntry entry, string key) =>
        entry.Data?.GetValueOrDefault(key) is { } text ? DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>A step's or stage's statutory due time before the recount (old calendar) and after it (new); null without that limit or while paused.</summary>
    private static (DateTimeOffset? Before, DateTimeOffset? After) StatutoryDue(
        StepNode node, InstanceState before, InstanceState after, WorkingCalendar current, WorkingCalendar next) =>
        node.StatutoryLimit is { } limit
            ? (DueOf(before.Find(node.Id), limit, current), DueOf(after.Find(node.Id), limit, next))
            : default;

    private static DateTimeOffset? DueOf(NodeState? state, WorkingTimeLimit limit, WorkingCalendar calendar) =>
        state is { Status: NodeStatus.Active, Clock.Count: > 0 } ? ClockArithmetic.DueAt(state.Clock, limit, calendar) : null;

    /// <summary>
    /// Counts every open application on the calendar, or on one inheriting its years, again through the engine; with the
    /// calendars as they were before (<paramref name="before"/>), also returns the due times that count moved, read off
    /// the runs the engine committed.
    /// </summary>
    private async Task<IReadOnlyList<MovedDueTime>> RecountAsync(
        string calendarId, int year, string note, string actor, IReadOnlyDictionary<string, WorkingCalendar>? before, CancellationToken cancellationToken)
    {
        var count = 0;
        var moved = new List<MovedDueTime>();
        var family = reference.Following(calendarId).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        await foreach (var (application, definition) in OpenAsync(family, cancellationToken))
        {
            var changed = new CalendarChangedEvent(definition.CalendarId, note, actor, year);
            if (before is null)
            {
                await engine.ApplyAsync(application.Id, changed, null, cancellationToken);
            }
            else if (await engine.ApplyObservedAsync(application.Id, changed, cancellationToken) is { } run)
            {
                var calendar = run.Definition.CalendarId;
                moved.AddRange(Moved(application, run.Definition, run.Before, run.Result, before[calendar], reference.Calendar(calendar)));
            }

            count++;
        }

        await store.MarkRecountedAsync(calendarId, year, time.GetUtcNow(), cancellationToken);
        LogRecounted(calendarId, year, count);
        return moved;
    }

    /// <summary>The open applications whose definition counts on one of <paramref name="calendarIds"/>.</summary>
    private async IAsyncEnumerable<(ApplicationRecord Application, WorkflowDefinition Definition)> OpenAsync(
        IReadOnlySet<string> calendarIds, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Guid? after = null;
        while (true)
        {
            var page = await applications.ListOpenAsync(after, Page, cancellationToken);
            foreach (var application in page)
            {
                var definition = await definitions.GetAsync(application.ServiceId, application.ServiceVersion, cancellationToken);
                if (calendarIds.Contains(definition.CalendarId))
                {
                    yield return (application, definition);
                }
            }

            if (page.Count < Page)
            {
                yield break;
            }

            after = page[^1].Id;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Calendar {Calendar}: {Year} loaded by {Actor}; {Moved} due times move")]
    private partial void LogLoaded(string calendar, int year, string actor, int moved);

    [LoggerMessage(Level = LogLevel.Information, Message = "Calendar {Calendar}: {Count} open applications counted again on {Year}")]
    private partial void LogRecounted(string calendar, int year, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Calendar {Calendar}: the loaded {Year} names a calendar this host does not have; left out")]
    private partial void LogUnknownCalendar(string calendar, int year);

    [LoggerMessage(Level = LogLevel.Error, Message = "Calendar {Calendar}: the loaded {Year} no longer reads ({Errors}); left out")]
    private partial void LogUnreadable(string calendar, int year, string errors);
}

/// <summary>
/// A due time a loaded year moves: a step's or stage's (<see cref="Kind"/> step, with its id), a deferred material's
/// (material, with its key), or the bundle's (bundle). <see cref="Before"/> and <see cref="After"/> are the promised due
/// time (or the material's, the verification's); a step, stage, verification task or bundle also carries its statutory one where it has
/// that limit and its clock runs.
/// </summary>
public sealed record MovedDueTime(
    Guid ApplicationId, string TrackingNumber, string ServiceId, string Kind, string? StepId, string? Material, string? Title, DateTimeOffset Before, DateTimeOffset After)
{
    /// <summary>The statutory due time (法定时限) as it was; null where there is none.</summary>
    public DateTimeOffset? StatutoryBefore { get; init; }

    /// <summary>The statutory due time as the loaded year makes it; null where there is none.</summary>
    public DateTimeOffset? StatutoryAfter { get; init; }

    public const string StepKind = "step";
    public const string MaterialKind = "material";
    public const string BundleKind = "bundle";

    /// <summary>When a step approved on commitment is verified (事后核查), also of a bundle already finished.</summary>
    public const string VerificationKind = "verification";
}

public enum CalendarYearStatus
{
    Previewed,
    Loaded,
    Invalid,
    NotFound,
}

/// <summary>What loading (or previewing) a year came to.</summary>
public sealed record CalendarYearOutcome(
    CalendarYearStatus Status, CalendarYear? Year, bool Replaced, IReadOnlyList<MovedDueTime> Moved, IReadOnlyList<DefinitionError> Errors)
{
    public static CalendarYearOutcome NotFound { get; } = new(CalendarYearStatus.NotFound, null, false, [], []);

    public static CalendarYearOutcome Invalid(IReadOnlyList<DefinitionError> errors) => new(CalendarYearStatus.Invalid, null, false, [], errors);

}
