using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Hosting.Configuration;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Api.ClockExtensions;

/// <summary>
/// Extensions of the bundle's or a stage's limit (行政许可法 Art. 42: 20 + 10 working days with the approval of the head
/// of the organ; joint handling 45 + 15 with that of the government at that level): a supervisor of a department with a
/// step asks; a supervisor of the department the definition names as approver (never the one who asked) approves or
/// refuses; an approval moves that clock's due time, and the applicant sees it on <c>/clocks</c>.
/// </summary>
public static class ClockExtensionsEndpoints
{
    public static IEndpointRouteBuilder MapClockExtensions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/applications/{id:guid}/clock-extensions").WithTags("Applications").RequireAuthorization(Policies.Clerk);
        group.MapPost("/", RequestAsync).Reads<RequestClockExtensionRequest>(BodyRule.TaskDecision).Produces<ClockExtensionDto>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Ask to extend the service's limit, or a stage's ({ stage?, workingDays | workingHours, reason }): a supervisor of a department with a step; once per clock, up to the definition's extension.max");
        group.MapGet("/", ListAsync).Produces<ClockExtensionDto[]>().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("The application's requests to extend its service's or stages' limits, oldest first");
        group.MapPost("/{extension:guid}/approve", (Guid id, Guid extension, HttpRequest request, ClaimsPrincipal user, ClockExtensionActions actions, IDirectoryStore directory,
                IOptions<RequestLimits> limits, CancellationToken cancellationToken) =>
                DecideAsync(id, extension, true, request, user, actions, directory, limits, cancellationToken))
            .Reads<ExtensionDecisionRequest>(BodyRule.TaskDecision).Produces<ClockExtensionDto>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity).WithSummary("Approve a request (a supervisor of the approver department, not the one who asked): the clock's due time moves");
        group.MapPost("/{extension:guid}/refuse", (Guid id, Guid extension, HttpRequest request, ClaimsPrincipal user, ClockExtensionActions actions, IDirectoryStore directory,
                IOptions<RequestLimits> limits, CancellationToken cancellationToken) =>
                DecideAsync(id, extension, false, request, user, actions, directory, limits, cancellationToken))
            .Reads<ExtensionDecisionRequest>(BodyRule.TaskDecision).Produces<ClockExtensionDto>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity).WithSummary("Refuse a request, with the reason ({ reason })");
        app.MapGet("/api/departments/{code}/clock-extensions", AwaitingAsync).Produces<ClockExtensionDto[]>().WithTags("Applications").RequireAuthorization(Policies.Clerk)
            .WithSummary("The requests to extend a service's or stage's limit waiting for the department's decision, oldest application first; its supervisors only. limit (1–500, default 100) and offset count applications, each with all its requests waiting");
        return app;
    }

    private static async Task<IResult> RequestAsync(
        Guid id, HttpRequest request, ClaimsPrincipal user, ClockExtensionActions actions, IDirectoryStore directory, IOptions<RequestLimits> limits,
        CancellationToken cancellationToken)
    {
        var (asked, problem) = await RequestBodies.ReadJsonAsync<RequestClockExtensionRequest>(
            request, limits.Value.TaskDecisionBytes,
            new ProblemText("请求体应为 { \"stage\": \"阶段标识（整件事不写）\", \"workingDays\": 5, \"reason\": \"…\" }", "The request body should be { \"stage\": \"stage id (none for the whole service)\", \"workingDays\": 5, \"reason\": \"…\" }"),
            cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (ClockExtensionActions.Check(asked) is { Count: > 0 } errors)
        {
            return Problems.Validation(errors);
        }

        return await ResultAsync(
            await actions.RequestAsync(id, asked!, user, cancellationToken), StatusCodes.Status201Created, RequestLanguage.PrefersEnglish(request), directory, cancellationToken);
    }

    private static async Task<IResult> DecideAsync(
        Guid id, Guid extension, bool approve, HttpRequest request, ClaimsPrincipal user, ClockExtensionActions actions, IDirectoryStore directory,
        IOptions<RequestLimits> limits, CancellationToken cancellationToken)
    {
        var (decision, problem) = await RequestBodies.ReadJsonAsync<ExtensionDecisionRequest>(
            request, limits.Value.TaskDecisionBytes, new ProblemText("请求体应为 { \"reason\": \"…\" }", "The request body should be { \"reason\": \"…\" }"), cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (ClockExtensionActions.CheckDecision(approve, decision!.Reason) is { } wrong)
        {
            return Problems.Field("reason", wrong);
        }

        return await ResultAsync(
            await actions.DecideAsync(id, extension, approve, decision.Reason, user, cancellationToken), StatusCodes.Status200OK, RequestLanguage.PrefersEnglish(request),
            directory, cancellationToken);
    }

    private static async Task<IResult> ListAsync(
        Guid id, HttpRequest request, ClaimsPrincipal user, ClockExtensionActions actions, IDirectoryStore directory, CancellationToken cancellationToken) =>
        await actions.OfApplicationAsync(id, user, cancellationToken) is { } all
            ? Results.Ok(await DtosAsync(all, request, directory, cancellationToken))
            : Problems.NotFound(new ProblemText("没有这个申请", "There is no such application"));

    private static async Task<IEnumerable<ClockExtensionDto>> DtosAsync(
        IReadOnlyList<ClockExtensionView> views, HttpRequest request, IDirectoryStore directory, CancellationToken cancellationToken)
    {
        var names = await ClockExtensionActions.NamesAsync(directory, views, cancellationToken);
        var english = RequestLanguage.PrefersEnglish(request);
        return views.Select(v => ClockExtensionActions.Dto(v, english, names));
    }

    private static async Task<IResult> AwaitingAsync(
        string code, HttpRequest request, ClaimsPrincipal user, ClockExtensionActions actions, IDirectoryStore directory, string? limit, string? offset,
        CancellationToken cancellationToken)
    {
        var page = Paging.Read(limit, offset, out var problem);
        if (problem is not null)
        {
            return problem;
        }

        return await actions.AwaitingAsync(code, user, page, cancellationToken) is { } waiting
            ? Results.Ok(await DtosAsync(waiting.Views, request, directory, cancellationToken))
            : Problems.Forbidden(ClockExtensionActions.NotASupervisorOf(code));
    }

    private static async Task<IResult> ResultAsync(ClockExtensionOutcome outcome, int status, bool english, IDirectoryStore directory, CancellationToken cancellationToken)
    {
        if (outcome.Value is { } view)
        {
            var names = await ClockExtensionActions.NamesAsync(directory, [view], cancellationToken);
            return Results.Json(ClockExtensionActions.Dto(view, english, names), statusCode: status);
        }

        var refusal = outcome.Refusal!;
        var (code, title) = refusal.Kind switch
        {
            ClockExtensionRefusalKind.NotFound => (StatusCodes.Status404NotFound, Problems.NotFoundTitle),
            ClockExtensionRefusalKind.Forbidden => (StatusCodes.Status403Forbidden, Problems.ForbiddenTitle),
            ClockExtensionRefusalKind.Unprocessable => (StatusCodes.Status422UnprocessableEntity, new ProblemText("超出办理时限延长的规定", "Not allowed by the rules of extensions")),
            _ => (StatusCodes.Status409Conflict, Problems.ConflictTitle),
        };
        return Problems.Status(code, title, new ProblemText(refusal.Zh, refusal.En));
    }
}
