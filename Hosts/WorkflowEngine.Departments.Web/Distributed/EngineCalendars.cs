using System.Collections.Frozen;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WorkflowEngine.Calendars;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Hosting.Distributed;

/// <summary>
/// A department host's copies of the engine's working-time calendars, fetched from the engine host
/// (<c>GET /api/calendars/{id}</c>), never from a shared disk. Fetched at start, again every <see cref="RefreshEvery"/>,
/// and at once (at most every <see cref="RetryAfter"/>) when a step names a calendar version the host does not hold,
/// which is how a year loaded at the engine arrives. While the engine cannot be reached the host keeps what it has; with
/// nothing, its reports leave the working minutes out, and no decision waits or fails for it.
/// </summary>
public sealed partial class EngineCalendars(HttpClient http, TimeProvider time, ILogger<EngineCalendars> logger) : BackgroundService, IStepCalendars
{
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromHours(1);

    public static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _wake = new(0, 1);
    private volatile FrozenDictionary<string, Held> _held = FrozenDictionary<string, Held>.Empty;

    /// <summary>A calendar and when the request that brought it was made: it is at least as new as the engine's then.</summary>
    private sealed record Held(WorkingCalendar Calendar, DateTimeOffset AskedAt);

    /// <summary>The calendars held, each with its version: what <c>/health</c> shows an administrator.</summary>
    public IReadOnlyDictionary<string, string> Versions => _held.ToDictionary(h => h.Key, h => h.Value.Calendar.Version, StringComparer.Ordinal);

    /// <summary>The calendars held: <c>/health</c> warns of a year missing from one.</summary>
    public IEnumerable<WorkingCalendar> Calendars => _held.Values.Select(h => h.Calendar);

    /// <summary>Whether the host knows the engine's address (<c>Departments:EngineUrl</c>).</summary>
    public bool Configured => http.BaseAddress is not null;

    public WorkingCalendar? Find(string id, string? version, DateTimeOffset receivedAt)
    {
        // The dispatch's own version, or one asked for after the step arrived: the engine's then, or newer.
        if (_held.TryGetValue(id, out var held) && (held.Calendar.Version == version || held.AskedAt >= receivedAt))
        {
            return held.Calendar;
        }

        Expect(id, version);
        return null;
    }

    public void Expect(string? id, string? version)
    {
        if (!Configured || Holds(id, version))
        {
            return;
        }

        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // A fetch is already due.
        }
    }

    private bool Holds(string? id, string? version) => id is null
        ? version is null || _held.Values.Any(h => h.Calendar.Version == version)
        : _held.TryGetValue(id, out var held) && held.Calendar.Version == version;

    /// <summary>Fetches every calendar the engine keeps; true when all came. What could not be fetched stays as it was.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        var askedAt = time.GetUtcNow();
        try
        {
            var listed = await http.GetFromJsonAsync<CalendarDto[]>("/api/calendars", JsonSerializerOptions.Web, cancellationToken) ?? [];
            var held = new Dictionary<string, Held>(_held, StringComparer.Ordinal);
            foreach (var item in listed)
            {
                var export = await http.GetFromJsonAsync<CalendarExportDto>($"/api/calendars/{Uri.EscapeDataString(item.Id)}", JsonSerializerOptions.Web, cancellationToken);
                var calendar = new WorkingCalendar(export!.Calendar);
                held[calendar.Id] = new Held(calendar, askedAt);
                if (calendar.Version != export.Version)
                {
                    LogVersionDiffers(calendar.Id, export.Version, calendar.Version);
                }
            }

            _held = held.ToFrozenDictionary(StringComparer.Ordinal);
            return true;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or ArgumentException or NotSupportedException or NullReferenceException
            || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogUnreachable(http.BaseAddress, ex.Message);
            return false;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Configured)
        {
            LogNotConfigured();
            return;
        }

        Task? wake = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var fetched = await RefreshAsync(stoppingToken);
            var lastAsked = time.GetUtcNow();
            wake ??= _wake.WaitAsync(stoppingToken);
            await Task.WhenAny(wake, Task.Delay(fetched ? RefreshEvery : RetryAfter, time, stoppingToken));
            if (wake.IsCompleted)
            {
                wake = null;
                // A step named a version not held: fetch now, but not more often than every RetryAfter.
                var wait = lastAsked + RetryAfter - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, stoppingToken);
                }
            }
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No Departments:EngineUrl: this department host keeps no working calendar and reports no working minutes")]
    private partial void LogNotConfigured();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not fetch the working calendars from the engine at {Engine}: {Error}; keeping the ones held")]
    private partial void LogUnreachable(Uri? engine, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Calendar {Calendar}: the engine says version {Served}, the copy counts as {Counted}")]
    private partial void LogVersionDiffers(string calendar, string served, string counted);
}
