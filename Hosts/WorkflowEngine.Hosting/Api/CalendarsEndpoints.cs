using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Definitions;
using WorkflowEngine.Hosting.Configuration;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Calendars;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Hosting.Api;

/// <summary>Working-time arithmetic, open to everyone: due instants and each day's status with its reason.</summary>
public static class CalendarsEndpoints
{
    private const int MaxDays = 3 * 366;
    private const int MaxWorkingDays = 3650;

    /// <summary>
    /// The dates a query may name. The calendar computes up to <see cref="WorkingCalendar.LastSupportedDate"/>; stopping
    /// queries a century earlier keeps the longest limit accepted here (3650 working days, or as many days' worth of
    /// hours: under fifty years) inside it.
    /// </summary>
    public static readonly DateOnly FirstQueryDate = WorkingCalendar.FirstSupportedDate;

    public static readonly DateOnly LastQueryDate = new(2199, 12, 31);

    private static readonly string RangeText = $"{FirstQueryDate:yyyy-MM-dd} 至 {LastQueryDate:yyyy-MM-dd}";

    public static IEndpointRouteBuilder MapCalendars(this IEndpointRouteBuilder app)
    {
        // Reading is open to everyone; loading a year is an administrator's (AllowAnonymous on the group would win over it).
        var group = app.MapGroup("/api/calendars").WithTags("Calendars");
        group.MapGet("/", List).Produces<CalendarDto[]>().AllowAnonymous().WithSummary("Calendars with office hours, the years whose notice is on file, and the calendar each inherits its years from");
        group.MapGet("/{id}", Export).Produces<CalendarExportDto>().ProducesProblem(StatusCodes.Status404NotFound).AllowAnonymous()
            .WithSummary("A whole calendar as the engine counts with it now: time zone, office hours, every year's holidays and make-up workdays, and its version");
        group.MapGet("/{id}/due", Due).Produces<DueDto>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).AllowAnonymous().WithSummary("The due instant of a limit: ?from=<ISO 8601>&workingDays=N or &workingHours=N");
        group.MapGet("/{id}/days", Days).Produces<CalendarDayDto[]>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).AllowAnonymous().WithSummary("Each date from..to: working or off, why, and which calendar's arrangement says so");
        group.MapPut("/{id}/years/{year:int}", PutYearAsync).Produces<CalendarYearLoadDto>().ProducesProblem(StatusCodes.Status404NotFound).RequireAuthorization(Policies.Admin).Reads(BodyRule.DefinitionText)
            .WithSummary("Load (or replace) that year's holiday arrangement (YAML or JSON like <year>.yaml, its year the one addressed; ?preview=true only shows what it would move): every open application is counted again on it, also on the calendars inheriting its years; into an inheriting calendar (a city's, a hall's) it is that calendar's own days of the year over its parent's notice");
        group.MapPost("/{id}/years", LoadYearAsync).Produces<CalendarYearLoadDto>().ProducesProblem(StatusCodes.Status404NotFound).RequireAuthorization(Policies.Admin).Reads(BodyRule.DefinitionText)
            .WithSummary("The same as PUT …/years/{year}, the year read from the body");
        return app;
    }

    private static Task<IResult> PutYearAsync(
        string id, int year, bool? preview, HttpRequest request, ClaimsPrincipal user, CalendarUpdates updates, IOptions<RequestLimits> limits, CancellationToken cancellationToken) =>
        LoadAsync(id, year, preview, request, user, updates, limits, cancellationToken);

    private static Task<IResult> LoadYearAsync(
        string id, bool? preview, HttpRequest request, ClaimsPrincipal user, CalendarUpdates updates, IOptions<RequestLimits> limits, CancellationToken cancellationToken) =>
        LoadAsync(id, null, preview, request, user, updates, limits, cancellationToken);

    private static async Task<IResult> LoadAsync(
        string id, int? year, bool? preview, HttpRequest request, ClaimsPrincipal user, CalendarUpdates updates, IOptions<RequestLimits> limits, CancellationToken cancellationToken)
    {
        var (text, problem) = await RequestBodies.ReadDocumentAsync(
            request, limits.Value.DefinitionBytes, new ProblemText("请求体为空：请以 YAML（或 JSON）提交一年的节假日安排（year、source、holidays、makeUpWorkdays）", "The request body is empty: send a year's holiday arrangement as YAML (or JSON) (year, source, holidays, makeUpWorkdays)"), cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await updates.LoadAsync(id, text!, user.Id(), preview == true, year, cancellationToken);
        return outcome.Status switch
        {
            CalendarYearStatus.NotFound => Problems.NotFound($"没有工作日历“{id}”"),
            CalendarYearStatus.Invalid => DefinitionProblems.Definition(outcome.Errors, new ProblemText("年度节假日安排未通过校验，未载入", "The year's holiday arrangement did not pass its checks and was not loaded")),
            _ => Results.Ok(new CalendarYearLoadDto(
                id,
                outcome.Year!.Year,
                outcome.Year.Source,
                outcome.Status == CalendarYearStatus.Loaded,
                outcome.Replaced,
                outcome.Year.Holidays.Select(h => new CalendarHolidayDto(h.Name, h.From, h.To)).ToArray(),
                outcome.Year.MakeUpWorkdays.Select(m => m.Date).ToArray(),
                outcome.Moved.Select(m => new MovedDueTimeDto(
                    m.ApplicationId, m.TrackingNumber, m.ServiceId, m.Kind, m.StepId, m.Material, m.Title, ChinaTime.ToLocal(m.Before), ChinaTime.ToLocal(m.After),
                    ChinaTime.ToLocal(m.StatutoryBefore), ChinaTime.ToLocal(m.StatutoryAfter))).ToArray())),
        };
    }

    private static IResult List(ReferenceData reference) =>
        Results.Ok(reference.Calendars.Values.Select(c => new CalendarDto(
            c.Id, c.Data.Name, c.Data.TimeZone, c.OfficeHours.Select(p => p.ToString()).ToArray(), c.HoursPerDay, c.AnnouncedYears.Order().ToArray(), c.Data.Inherits, c.Data.YearsFrom))
            .OrderBy(c => c.Id, StringComparer.Ordinal));

    private static IResult Export(string id, ReferenceData reference) =>
        reference.Calendars.TryGetValue(id, out var calendar)
            ? Results.Ok(new CalendarExportDto(calendar.Id, calendar.Version, calendar.Data))
            : Problems.NotFound($"没有工作日历“{id}”");

    private static IResult Due(string id, string? from, decimal? workingDays, decimal? workingHours, ReferenceData reference, TimeProvider time)
    {
        if (!reference.Calendars.TryGetValue(id, out var calendar))
        {
            return Problems.NotFound($"没有工作日历“{id}”");
        }

        // An unencoded '+' of an offset arrives as a space.
        from = from?.Replace(' ', '+');
        var errors = new Dictionary<string, string[]>();
        var start = time.GetUtcNow();
        if (from is not null && !DateTimeOffset.TryParse(from, CultureInfo.InvariantCulture, DateTimeStyles.None, out start))
        {
            errors["from"] = [$"“{from}”不是 ISO 8601 时刻（如 2026-02-13T10:00:00+08:00）"];
        }
        else if (from is not null && !HasOffset(from))
        {
            errors["from"] = ["from 须带时区（如 +08:00 或 Z），否则无法确定是哪一刻"];
        }
        else if (!InQueryRange(start))
        {
            errors["from"] = [$"from 须在 {RangeText} 之间（工作日历可计算的范围）"];
        }

        var limit = new WorkingTimeLimit { WorkingDays = workingDays, WorkingHours = workingHours };
        if (!limit.IsWellFormed)
        {
            errors["limit"] = ["须给出 workingDays 或 workingHours 其中之一，且大于0"];
        }
        else if ((workingDays ?? 0) > MaxWorkingDays || (workingHours ?? 0) > MaxWorkingDays * 24)
        {
            errors["limit"] = [$"时限过长：最多 {MaxWorkingDays} 个工作日，或 {MaxWorkingDays * 24} 个工作小时"];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        return Results.Ok(new DueDto(calendar.Id, ChinaTime.ToLocal(start), limit.ToString(), ChinaTime.ToLocal(calendar.Add(start, limit))));
    }

    private static IResult Days(string id, string? from, string? to, ReferenceData reference)
    {
        if (!reference.Calendars.TryGetValue(id, out var calendar))
        {
            return Problems.NotFound($"没有工作日历“{id}”");
        }

        var errors = new Dictionary<string, string[]>();
        var first = ParseDate(from, "from", errors);
        var last = ParseDate(to, "to", errors);
        if (errors.Count == 0 && (first < FirstQueryDate || first > LastQueryDate))
        {
            errors["from"] = [$"from 须在 {RangeText} 之间（工作日历可计算的范围）"];
        }
        else if (errors.Count == 0 && (last < FirstQueryDate || last > LastQueryDate))
        {
            errors["to"] = [$"to 须在 {RangeText} 之间（工作日历可计算的范围）"];
        }
        else if (errors.Count == 0 && last < first)
        {
            errors["to"] = ["to 不能早于 from"];
        }
        else if (errors.Count == 0 && last.DayNumber - first.DayNumber >= MaxDays)
        {
            errors["to"] = [$"一次最多查询 {MaxDays} 天"];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        // Built in full before anything is written: an error can then only be a whole problem response, never a cut body.
        return Results.Ok(calendar.Days(first, last).Select(d => new CalendarDayDto(
            d.Date,
            d.Date.DayOfWeek.ToString(),
            d.IsWorkingDay,
            d.Kind switch
            {
                DayKind.Workday => "workday",
                DayKind.Weekend => "weekend",
                DayKind.Holiday => "holiday",
                _ => "makeup-workday",
            },
            d.Name,
            d.Announced,
            d.Source)).ToArray());
    }

    private static DateOnly ParseDate(string? text, string name, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            errors[name] = [$"缺少 {name}（YYYY-MM-DD）"];
            return default;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors[name] = [$"“{text}”应写作 YYYY-MM-DD"];
        }

        return date;
    }

    /// <summary>Whether the instant's Shanghai date is one a query may name; checked in UTC first, where converting cannot overflow.</summary>
    private static bool InQueryRange(DateTimeOffset instant) =>
        instant.UtcDateTime.Year >= FirstQueryDate.Year - 1 && instant.UtcDateTime.Year <= LastQueryDate.Year + 1
        && ChinaTime.DateOf(instant) is var date && date >= FirstQueryDate && date <= LastQueryDate;

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
}
