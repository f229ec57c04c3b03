using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WorkflowEngine.Hosting.Identity;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// <c>GET /api/service-account</c> at the engine host: whose service token the request carries and which departments'
/// materials it may fetch. A department host's <c>/health</c> asks it to see that its link to the engine works (the
/// address answers and the token is accepted); only a service token may call it (a person gets 403, no token 401).
/// </summary>
public static class ServiceAccountEndpoints
{
    public static IEndpointRouteBuilder MapServiceAccount(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/service-account", Account).Produces<ServiceAccountDto>().ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).WithTags("Departments")
            .RequireAuthorization(policy => policy.RequireRole(ServiceRoles.DepartmentHost))
            .WithSummary("A department host's service token as the engine knows it: the account's name and the departments it fetches materials for");
        return app;
    }

    private static IResult Account(ClaimsPrincipal user) => Results.Ok(new ServiceAccountDto(
        user.FindFirstValue(ClaimTypes.Name) ?? "",
        [.. user.FindAll(ClaimNames.Department).Select(c => c.Value)]));
}
