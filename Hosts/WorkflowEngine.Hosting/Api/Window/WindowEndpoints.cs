using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using WorkflowEngine.Core.Forms;
using WorkflowEngine.Hosting.Configuration;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Definitions;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Hosting.Api.Window;

/// <summary>
/// Window intake (前台综合受理): the comprehensive window's staff submit the combined application for a citizen who
/// walked in, through the applicant's own submission path and checks, and hand over a receipt with a query code; the
/// citizen, who has no account, follows it with the tracking number and that code.
/// </summary>
public static class WindowEndpoints
{
    /// <summary>The answer to a wrong code and to an unknown number alike, so that neither tells which numbers exist.</summary>
    public static readonly ProblemText NoSuchReceipt = new("没有与这个受理编号和查询码相符的申请，请核对回执上的两项", "No application matches this tracking number and query code; check both against the receipt");

    public static IEndpointRouteBuilder MapWindow(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/window/applications", SubmitAsync).WithTags("Window").RequireAuthorization(Policies.Window).DisableAntiforgery()
            .Reads<WindowSubmitBody>(BodyRule.JsonOrMultipart).RequireRateLimiting(ApplicationsEndpoints.SubmissionsPolicy)
            .Produces<WindowReceiptDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Window staff submit a combined application for a citizen who walked in (as POST /api/applications, plus applicant: name, idType resident-id|uscc, idNumber, phone); "
                + "the answer holds the receipt's query code, shown only this once");
        app.MapPost("/api/public/track", TrackAsync).WithTags("Public").AllowAnonymous().DisableAntiforgery()
            .Reads<PublicTrackRequest>(BodyRule.Json)
            .Produces<PublicProgressDto>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("Progress of an application submitted at the window, by the receipt's tracking number and query code: status and due times of each step, nothing of the form or materials; "
                + "a few tries per client address and tracking number (RateLimits:Lookups), then 429 with Retry-After");
        return app;
    }

    private static async Task<IResult> SubmitAsync(
        HttpRequest request,
        ClaimsPrincipal user,
        ApplicationService service,
        ApplicationViews views,
        DefinitionRegistry definitions,
        TimeProvider time,
        IOptions<RequestLimits> limits,
        IOptions<EngineOptions> engine,
        CancellationToken cancellationToken)
    {
        var (body, files, problem) = await ApplicationsEndpoints.ReadSubmissionAsync(request, limits.Value, engine.Value, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var english = RequestLanguage.PrefersEnglish(request);
        using var language = FormMessages.InEnglish(english);
        var serviceId = ApplicationsEndpoints.ServiceIdOf(body!);
        var form = body!["form"] as JsonObject;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (WalkInApplicantInput.Read(body["applicant"], time.GetUtcNow(), errors) is not { } applicant)
        {
            // With the form's own errors, so that the staff put everything right in one go.
            if (await definitions.GetLatestPublishedAsync(serviceId, cancellationToken) is { } definition)
            {
                foreach (var (field, messages) in service.CheckForm(definition, form).Errors)
                {
                    errors.TryAdd(field, messages);
                }
            }

            return Problems.Validation(errors, english ? Problems.Invalid.En : Problems.Invalid.Zh);
        }

        var code = QueryCodes.New();
        var intake = new WalkInIntake(user.Id(), applicant.IdType, applicant.IdNumber, applicant.Phone, QueryCodes.Hash(code)!);
        var outcome = await service.SubmitAsync(
            serviceId, form, MaterialUploads.Of(files), new Applicant(WalkInIntake.OwnerPrefix + user.Id(), applicant.Name, intake), cancellationToken);
        if (outcome.Application is not { } application)
        {
            return ApplicationsEndpoints.Refused(outcome, english);
        }

        var title = (await definitions.GetAsync(application.ServiceId, application.ServiceVersion, cancellationToken)).Title;
        return Results.Created(
            $"/api/applications/{application.Id}",
            new WindowReceiptDto(
                await views.SubmittedAsync(application, english, cancellationToken), english ? title.En ?? title.Zh : title.Zh, applicant.Name, code, "/api/public/track"));
    }

    private static async Task<IResult> TrackAsync(
        HttpRequest request,
        IApplicationQueries queries,
        ApplicationViews views,
        DefinitionRegistry definitions,
        TrackingLookupLimiter limiter,
        IOptions<RequestLimits> limits,
        CancellationToken cancellationToken)
    {
        var (asked, problem) = await RequestBodies.ReadJsonAsync<PublicTrackRequest>(
            request, limits.Value.JsonBodyBytes, new ProblemText("请求体应为 { \"trackingNumber\": …, \"queryCode\": … }", "The body is { \"trackingNumber\": …, \"queryCode\": … }"), cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (limiter.TryAcquire(request.HttpContext, asked!.TrackingNumber) is { } seconds)
        {
            request.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return Problems.Status(StatusCodes.Status429TooManyRequests, TrackingLookupLimiter.RefusalTitle, TrackingLookupLimiter.Refusal(seconds));
        }

        var english = RequestLanguage.PrefersEnglish(request);
        return await ProgressAsync(asked!.TrackingNumber, asked.QueryCode, english, queries, views, definitions, cancellationToken) is { } progress
            ? Results.Ok(progress)
            : Problems.NotFound(NoSuchReceipt);
    }

    /// <summary>The application with this tracking number, if the code is its receipt's; null otherwise, whichever was wrong.</summary>
    public static async Task<ApplicationRecord?> FindWalkInAsync(string? trackingNumber, string? queryCode, IApplicationQueries queries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var application = trackingNumber is { Length: > 0 and <= 64 } number
            ? await queries.FindByTrackingNumberAsync(number.Trim().ToUpperInvariant(), cancellationToken)
            : null;
        // Compared even without an application, so that an unknown number takes the work of a wrong code.
        return QueryCodes.Matches(queryCode, application?.QueryCodeSha256) ? application : null;
    }

    /// <summary>The progress of the application with this tracking number, if the code is its receipt's; null otherwise, whichever was wrong.</summary>
    public static async Task<PublicProgressDto?> ProgressAsync(
        string? trackingNumber, string? queryCode, bool english, IApplicationQueries queries, ApplicationViews views, DefinitionRegistry definitions,
        CancellationToken cancellationToken)
    {
        if (await FindWalkInAsync(trackingNumber, queryCode, queries, cancellationToken) is not { } application)
        {
            return null;
        }

        var detail = await views.DetailAsync(application, english, cancellationToken);
        var title = (await definitions.GetAsync(application.ServiceId, application.ServiceVersion, cancellationToken)).Title;
        return new PublicProgressDto(
            detail.TrackingNumber,
            english ? title.En ?? title.Zh : title.Zh,
            detail.Status,
            detail.SubmittedAt,
            detail.DueAt,
            detail.CompletedAt,
            detail.Steps.Where(s => s.Department is not null)
                .Select(s => new PublicStepDto(s.Title, s.DepartmentName, s.Status, s.DueAt, s.Warning, s.CompletedAt)).ToArray());
    }
}
