using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WorkflowEngine.Hosting.Identity;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// The administrator's list of bundles (一件事) and stages on a yellow or red card against the promised or the statutory
/// limit, across departments, most overdue first (<see cref="LateClocks"/>).
/// </summary>
public static class LateClocksEndpoints
{
    public static IEndpointRouteBuilder MapLateClocks(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/admin/late-clocks", ListAsync).Produces<LateClockDto[]>().WithTags("Statistics").RequireAuthorization(Policies.Admin)
            .WithSummary("Running applications whose bundle or stage clock is yellow or red against either limit, red first, then most overdue (?service=id, ?level=yellow|red)");
        return app;
    }

    private static async Task<IResult> ListAsync(string? service, string? level, LateClocks late, CancellationToken cancellationToken)
    {
        if (level is not (null or "" or "yellow" or "red"))
        {
            return Problems.Field("level", "level 只能是 yellow 或 red");
        }

        // A service no running application belongs to (or none published by that id) simply lists nothing.
        return Results.Ok(await late.ListAsync(string.IsNullOrWhiteSpace(service) ? null : service.Trim(), string.IsNullOrEmpty(level) ? null : level, cancellationToken));
    }
}
