using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WorkflowEngine.Definitions;
using WorkflowEngine.Hosting.Identity;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// A department's supervisor's list of its yellow and red steps (红黄牌) against the promised or the statutory limit,
/// most urgent first (<see cref="DepartmentWarnings"/>): what is about to run late or already has, whichever clerk holds it.
/// </summary>
public static class WarningsEndpoints
{
    public static IEndpointRouteBuilder MapWarnings(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/departments/{code}/warnings", ListAsync).Produces<WarningDto[]>().WithTags("Departments").RequireAuthorization(Policies.Supervisor)
            .WithSummary("The department's open steps on a yellow or red card against the promised or the statutory limit, most urgent first (?level=yellow|red for one colour)");
        return app;
    }

    private static async Task<IResult> ListAsync(
        string code, string? level, ClaimsPrincipal user, ReferenceData reference, DepartmentWarnings warnings, CancellationToken cancellationToken)
    {
        if (level is not (null or "yellow" or "red"))
        {
            return Problems.Field("level", "level 只能是 yellow 或 red");
        }

        if (!reference.Departments.ContainsKey(code) || !user.WorksFor(code))
        {
            return Problems.NotFound("没有这个部门，或不是本部门的负责人");
        }

        return Results.Ok(await warnings.ListAsync(code, level, cancellationToken));
    }
}
