using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WorkflowEngine.Contracts;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// The departments with their names as this host shows them and their queues: public, on every host, the engine host's
/// too, which keeps no department's tasks. A department host fetches the engine's to show a department renamed there.
/// </summary>
public static class DepartmentListEndpoints
{
    public static IEndpointRouteBuilder MapDepartmentList(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/departments", Departments).Produces<DepartmentDto[]>().WithTags("Departments").AllowAnonymous().WithSummary("Departments and their queues");
        return app;
    }

    private static IResult Departments(IDepartmentDirectory directory) =>
        Results.Ok(directory.Departments.Values.OrderBy(d => d.Code, StringComparer.Ordinal)
            .Select(d => new DepartmentDto(d.Code, d.NameZh, d.NameEn, Queues.Department(d.Code))));
}
