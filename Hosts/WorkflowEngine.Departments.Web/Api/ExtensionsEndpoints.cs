using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using WorkflowEngine.Calendars;
using WorkflowEngine.Hosting.Api.Desk;
using WorkflowEngine.Hosting.Configuration;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// Extensions of a task's limit (行政许可法 Art. 42): the clerk holding a task asks, a supervisor of the department
/// (never the one who asked) approves or refuses; an approval moves the step's due time on the engine.
/// </summary>
public static class ExtensionsEndpoints
{
    public static IEndpointRouteBuilder MapExtensions(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/tasks/{id:guid}/extensions", RequestAsync).WithTags("Tasks").RequireAuthorization(Policies.Clerk).Reads<RequestExtensionRequest>(BodyRule.TaskDecision)
            .Produces<ExtensionDto>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Ask for more time on a task you hold ({ workingDays | workingHours, reason }); a supervisor of the department decides");
        app.MapGet("/api/departments/{code}/extensions", ListAsync).Produces<ExtensionDto[]>().WithTags("Tasks").RequireAuthorization(Policies.Clerk)
            .WithSummary("A department's requests for more time, oldest first (status: pending, approved, refused, all; limit 1–500, default 50; offset); its supervisors only");
        var extensions = app.MapGroup("/api/extensions").WithTags("Tasks").RequireAuthorization(Policies.Clerk);
        extensions.MapPost("/{id:guid}/approve", (Guid id, HttpRequest request, ClaimsPrincipal user, ClerkActions clerk, IOptions<RequestLimits> limits, CancellationToken cancellationToken) =>
                DecideAsync(id, true, request, user, clerk, limits, cancellationToken))
            .Reads<ExtensionDecisionRequest>(BodyRule.TaskDecision).Produces<ExtensionDto>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Approve a request for more time (a supervisor of the department, not the one who asked): the step's due time moves");
        extensions.MapPost("/{id:guid}/refuse", (Guid id, HttpRequest request, ClaimsPrincipal user, ClerkActions clerk, IOptions<RequestLimits> limits, CancellationToken cancellationToken) =>
                DecideAsync(id, false, request, user, clerk, limits, cancellationToken))
            .Reads<ExtensionDecisionRequest>(BodyRule.TaskDecision).Produces<ExtensionDto>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Refuse a request for more time, with the reason the clerk reads on the task");
        return app;
    }

    private static async Task<IResult> RequestAsync(
        Guid id, HttpRequest request, ClaimsPrincipal user, ClerkActions clerk, IOptions<RequestLimits> limits, CancellationToken cancellationToken)
    {
        var (asked, problem) = await RequestBodies.ReadJsonAsync<RequestExtensionRequest>(
            request, limits.Value.TaskDecisionBytes, new ProblemText("请求体应为 { \"workingDays\": 5, \"reason\": \"…\" } 或 { \"workingHours\": 4, \"reason\": \"…\" }", "The request body should be { \"workingDays\": 5, \"reason\": \"…\" } or { \"workingHours\": 4, \"reason\": \"…\" }"), cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await clerk.RequestExtensionAsync(id, asked, user, cancellationToken);
        var names = await NamesAsync(outcome.Value is { } done ? [done] : [], clerk, cancellationToken);
        return outcome.ToResult(extension => Results.Created($"/api/tasks/{extension.TaskId}", Dto(extension, names)));
    }

    private static async Task<IResult> ListAsync(
        string code, string? status, string? limit, string? offset, ClaimsPrincipal user, ClerkActions clerk, CancellationToken cancellationToken)
    {
        var outcome = await clerk.ExtensionsAsync(code, status, limit, offset, user, cancellationToken);
        var names = await NamesAsync(outcome.Value ?? [], clerk, cancellationToken);
        return outcome.ToResult(extensions => Results.Ok(extensions.Select(e => Dto(e, names))));
    }

    private static async Task<IResult> DecideAsync(
        Guid id, bool approve, HttpRequest request, ClaimsPrincipal user, ClerkActions clerk, IOptions<RequestLimits> limits, CancellationToken cancellationToken)
    {
        var (decision, problem) = await RequestBodies.ReadJsonAsync<ExtensionDecisionRequest>(
            request, limits.Value.TaskDecisionBytes, new ProblemText("请求体应为 { \"reason\": \"…\" }", "The request body should be { \"reason\": \"…\" }"), cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await clerk.DecideExtensionAsync(id, approve, decision, user, cancellationToken);
        var names = await NamesAsync(outcome.Value is { } done ? [done] : [], clerk, cancellationToken);
        return outcome.ToResult(extension => Results.Ok(Dto(extension, names)));
    }

    /// <summary>Who asked for and who answered these requests, by name, in one directory read (none for no request).</summary>
    private static Task<UserNames> NamesAsync(IReadOnlyList<ExtensionRequest> extensions, ClerkActions clerk, CancellationToken cancellationToken) =>
        clerk.NamesAsync(extensions.SelectMany(e => new[] { e.RequestedBy, e.DecidedBy }), cancellationToken);

    /// <summary>A request for more time for the API, who asked and who answered also by name (<paramref name="names"/>).</summary>
    public static ExtensionDto Dto(ExtensionRequest e, UserNames names) => new(
        e.Id,
        e.TaskId,
        e.ApplicationId,
        e.TrackingNumber,
        e.StepId,
        e.Department,
        e.Title,
        e.WorkingDays,
        e.WorkingHours,
        e.Amount,
        e.Reason,
        e.RequestedBy,
        ChinaTime.ToLocal(e.RequestedAt),
        e.Status,
        e.DecidedBy,
        ChinaTime.ToLocal(e.DecidedAt),
        e.Decision,
        names.Of(e.RequestedBy),
        names.Of(e.DecidedBy));
}
