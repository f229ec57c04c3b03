using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// The administrator's list of bundles (一件事) and stages on a yellow or red card against the promised or the statutory
/// limit, across departments, most overdue first (<see cref="LateClocks"/>), a page at a time with the total.
/// </summary>
public static partial class LateClocksEndpoints
{
    /// <summary>The longest service id a definition may have (the <c>service_id</c> columns hold 100).</summary>
    public const int MaxServiceLength = 100;

    public static IEndpointRouteBuilder MapLateClocks(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/admin/late-clocks", ListAsync).Produces<LateClockListDto>().WithTags("Statistics").RequireAuthorization(Policies.Admin)
            .WithSummary("Running applications whose bundle or stage clock is yellow or red against either limit, red first, then most overdue (?service=id, ?level=yellow|red, limit 1–500, default 100, offset); total says how many in all");
        return app;
    }

    /// <summary>
    /// Reads the filters strictly: a service id as definitions spell them (letters, digits, <c>-</c> and <c>_</c>, at most
    /// <see cref="MaxServiceLength"/>), so that a control character, a direction override or a byte that is no UTF-8 is a
    /// 400 naming the field rather than an empty list; a level of yellow or red. Each error goes under its field's name.
    /// </summary>
    public static (string? Service, string? Level) ReadFilters(string? service, string? level, Dictionary<string, ProblemText[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var id = string.IsNullOrWhiteSpace(service) ? null : service.Trim(' ');
        if (id is not null && (id.Length > MaxServiceLength || !ServiceId().IsMatch(id)))
        {
            errors["service"] = [new(
                $"service 须为事项编号：字母、数字、- 或 _，至多 {MaxServiceLength} 个字符",
                $"service must be a service id: letters, digits, - or _, at most {MaxServiceLength} characters")];
            id = null;
        }

        if (level is not (null or "" or "yellow" or "red"))
        {
            errors["level"] = [new("level 只能是 yellow 或 red", "level must be yellow or red")];
        }

        return (id, string.IsNullOrEmpty(level) || errors.ContainsKey("level") ? null : level);
    }

    private static async Task<IResult> ListAsync(
        string? service, string? level, string? limit, string? offset, HttpRequest request, LateClocks late, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, ProblemText[]>();
        var (id, colour) = ReadFilters(service, level, errors);
        var page = Paging.Read(limit, offset, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        // A service no running application belongs to (or none published by that id) simply lists nothing.
        return Results.Ok(await late.ListAsync(id, colour, page, RequestLanguage.PrefersEnglish(request), cancellationToken));
    }

    [GeneratedRegex(@"\A[A-Za-z0-9][A-Za-z0-9_-]*\z")]
    private static partial Regex ServiceId();
}
