using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using WorkflowEngine.Calendars;
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
    /// <summary>What a repeat under the same Idempotency-Key says in place of the query code.</summary>
    private static readonly ProblemText RepeatNote = new(
        "这个 Idempotency-Key 的申请已于首次请求时受理，此处是原申请的回执；查询码只在首次应答中出现、仅保存其摘要，无法再次显示",
        "The application under this Idempotency-Key was made by the first request; this is its receipt. The query code was in the first answer only and only its hash is kept: it cannot be shown again");

    /// <summary>The answer to a wrong code and to an unknown number alike, so that neither tells which numbers exist.</summary>
    public static readonly ProblemText NoSuchReceipt = new("没有与这个受理编号和查询码相符的申请，请核对回执上的两项", "No application matches this tracking number and query code; check both against the receipt");

    public static IEndpointRouteBuilder MapWindow(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/window/applications", SubmitAsync).WithTags("Window").RequireAuthorization(Policies.Window).DisableAntiforgery()
            .Reads<WindowSubmitBody>(BodyRule.JsonOrMultipart).RequireRateLimiting(ApplicationsEndpoints.SubmissionsPolicy)
            .Produces<WindowReceiptDto>(StatusCodes.Status201Created).Produces<WindowReceiptDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Window staff submit a combined application for a citizen who walked in (as POST /api/applications, language included, plus applicant: name, idType resident-id|uscc, idNumber, phone); "
                + "the answer holds the receipt's query code, shown only this once. An Idempotency-Key header makes retries safe: a repeat answers 200 with the first receipt, without the code");
        app.MapPost("/api/public/track", TrackAsync).WithTags("Public").AllowAnonymous().DisableAntiforgery()
            .Reads<PublicTrackRequest>(BodyRule.Json)
            .Produces<PublicProgressDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("Progress of an application submitted at the window, by the receipt's tracking number and query code: status and due times of each step, nothing of the form or materials; "
                + "a few tries per client network (an IPv6 /64) and tracking number (RateLimits:Lookups), then 429 with Retry-After; text that cannot be a tracking number is refused with 400 before it counts");
        app.MapPost("/api/applications/{id:guid}/query-code", ReissueAsync).WithTags("Window").RequireAuthorization(Policies.Window)
            .Reads<ReissueQueryCodeRequest>(BodyRule.Json)
            .Produces<QueryCodeReissuedDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("查询码补发: window staff give a walk-in citizen who lost the receipt a new query code, after checking their identity document in person "
                + "({ \"identityChecked\": true } required). The old code stops working at once; the new one is in this answer only. Also for a decided or withdrawn "
                + "application (the citizen looks the result up with it); 404 for an application made online");
        return app;
    }

    /// <summary>What the staff must confirm before a code is reissued, for the API and the page alike.</summary>
    public static readonly ProblemText IdentityNotChecked = new(
        "请先当面核验申请人的身份证件原件，再勾选确认", "Check the citizen's identity document (the original) in person first, then tick to confirm");

    private static async Task<IResult> ReissueAsync(
        Guid id,
        HttpRequest request,
        ClaimsPrincipal user,
        QueryCodeReissues reissues,
        ApplicationViews views,
        IOptions<RequestLimits> limits,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await RequestBodies.ReadJsonAsync<ReissueQueryCodeRequest>(
            request, limits.Value.JsonBodyBytes, new ProblemText("请求体应为 { \"identityChecked\": true }", "The body is { \"identityChecked\": true }"), cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        // Window staff see only the walk-ins' applications: any other is not found, as one that does not exist.
        var (actor, refused) = await views.ActorOrProblemAsync(id, user, new ProblemText("只有窗口工作人员可以为窗口受理的申请补发查询码", "Only window staff reissue the query code of a walk-in's application"), cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        if (body!.IdentityChecked != true)
        {
            return Problems.Field("identityChecked", IdentityNotChecked);
        }

        return await reissues.ReissueAsync(id, actor!, null, cancellationToken) is { QueryCode: { } code } reissued
            ? Results.Ok(new QueryCodeReissuedDto(id, reissued.Application.TrackingNumber, code, ChinaTime.ToLocal(reissued.ReissuedAt), "/api/public/track"))
            : Problems.NotFound(new ProblemText("没有这个申请", "There is no such application"));
    }

    private static async Task<IResult> SubmitAsync(
        HttpRequest request,
        ClaimsPrincipal user,
        WindowSubmissions window,
        ApplicationViews views,
        DefinitionRegistry definitions,
        IOptions<RequestLimits> limits,
        IOptions<EngineOptions> engine,
        CancellationToken cancellationToken)
    {
        var (key, keyProblem) = IdempotencyKeys.Read(request);
        if (keyProblem is not null)
        {
            return keyProblem;
        }

        var (body, files, problem) = await ApplicationsEndpoints.ReadSubmissionAsync(request, limits.Value, engine.Value, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var english = RequestLanguage.PrefersEnglish(request);
        using var language = FormMessages.InEnglish(english);

        // The fingerprint holds the applicant block too: the same key for another citizen is a conflict, not a repeat.
        // The files are read for it before the uploads open them.
        var idempotency = key is null ? null : new IdempotencyKey(key, await SubmissionFingerprint.ComputeAsync(body!, files, cancellationToken));
        var submission = await window.SubmitAsync(
            user, ApplicationsEndpoints.ServiceIdOf(body!), body!["form"] as JsonObject, body["applicant"], MaterialUploads.Of(files), idempotency,
            ApplicationsEndpoints.LanguageOf(body)!, cancellationToken);
        if (submission.Outcome.Application is not { } application)
        {
            return ApplicationsEndpoints.Refused(submission.Outcome, english);
        }

        var title = (await definitions.GetAsync(application.ServiceId, application.ServiceVersion, cancellationToken)).Title;
        var receipt = new WindowReceiptDto(
            await views.SubmittedAsync(application, english, cancellationToken),
            english ? title.En ?? title.Zh : title.Zh,
            application.ApplicantName ?? submission.Applicant!.Name,
            submission.QueryCode,
            "/api/public/track",
            submission.IsRepeat,
            submission.IsRepeat ? (english ? RepeatNote.En : RepeatNote.Zh) : null);
        return submission.IsRepeat ? Results.Ok(receipt) : Results.Created($"/api/applications/{application.Id}", receipt);
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

        if (!TrackingNumbers.IsWellFormed(asked!.TrackingNumber))
        {
            return Problems.Field("trackingNumber", TrackingNumbers.NotANumber);
        }

        if (limiter.TryAcquire(request.HttpContext, asked.TrackingNumber) is { } seconds)
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
        var application = trackingNumber is { Length: > 0 } number && TrackingNumbers.Normalize(number).Length <= TrackingNumbers.MaxLength
            ? await queries.FindByTrackingNumberAsync(TrackingNumbers.Normalize(number), cancellationToken)
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
