namespace WorkflowEngine.Runtime.Calendars;

/// <summary>The years' holiday arrangements administrators loaded, which stand over the calendars' files.</summary>
public interface ICalendarYearStore
{
    Task<IReadOnlyList<StoredCalendarYear>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Keeps the year (replacing one loaded before), not yet recounted.</summary>
    Task SaveAsync(StoredCalendarYear year, CancellationToken cancellationToken);

    /// <summary>Every open application was counted again on it: a restart need not do it again.</summary>
    Task MarkRecountedAsync(string calendarId, int year, DateTimeOffset at, CancellationToken cancellationToken);
}

/// <summary>
/// One year's arrangement as an administrator loaded it: the text as given (YAML of <c>&lt;year&gt;.yaml</c>'s form), who and
/// when, and when the open applications had all been counted again on it (absent while that is unfinished).
/// </summary>
public sealed record StoredCalendarYear(string CalendarId, int Year, string Body, string LoadedBy, DateTimeOffset LoadedAt, DateTimeOffset? RecountedAt);
