using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using WorkflowEngine.Hosting.Api.Desk;
using WorkflowEngine.Hosting.Configuration;
using WorkflowEngine.Hosting.Identity;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// Supplement requests (补正, 行政许可法 Art. 32): the clerk holding a task asks the applicant, once and listing every item,
/// within five working days of receipt; the step's clock stands still until the applicant has supplied them all.
/// </summary>
public static class SupplementsEndpoints
{
    public static IEndpointRouteBuilder MapSupplements(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/tasks/{id:guid}/supplements", RequestAsync).WithTags("Tasks").RequireAuthorization(Policies.Clerk).Reads(BodyRule.TaskDecision)
            .WithSummary("Ask the applicant for supplementary material ({ items: [{ material, reason }], note }), once, within five working days of receipt");
        return app;
    }

    private static async Task<IResult> RequestAsync(
        Guid id, HttpRequest request, ClaimsPrincipal user, ClerkActions clerk, IOptions<RequestLimits> limits, CancellationToken cancellationToken)
    {
        var (asked, problem) = await RequestBodies.ReadJsonAsync<RequestSupplementRequest>(
            request, limits.Value.TaskDecisionBytes, "请求体应为 { \"items\": [ { \"material\": \"材料代码\", \"reason\": \"…\" } ], \"note\": \"…\"（可选） }", cancellationToken);
        return problem ?? (await clerk.RequestSupplementAsync(id, asked, user, cancellationToken)).ToResult(TasksEndpoints.Accepted);
    }
}
