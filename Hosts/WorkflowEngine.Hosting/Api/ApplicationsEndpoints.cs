using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Forms;
using WorkflowEngine.Definitions;
using WorkflowEngine.Hosting.Api.Clocks;
using WorkflowEngine.Hosting.Configuration;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Audit;
using WorkflowEngine.Runtime.Compliance;
using WorkflowEngine.Runtime.Materials;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// Applying, tracking, uploading materials. Someone who may not see an application is told it does not exist (404),
/// as for an id nobody has: a 403 would confirm that the id or tracking number is real.
/// </summary>
public static class ApplicationsEndpoints
{
    /// <summary>The rate-limit policy of submissions and uploads (<see cref="RateLimiting"/>).</summary>
    public const string SubmissionsPolicy = RateLimiting.SubmissionsPolicy;

    private const string NotFoundDetail = "没有这个申请";

    public static IEndpointRouteBuilder MapApplications(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/applications").WithTags("Applications").RequireAuthorization();
        // The framework's own form check would also refuse bearer-token scripts; SessionAntiforgery checks the session's calls.
        group.MapPost("/", SubmitAsync).Produces<SubmittedDto>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict).RequireAuthorization(Policies.Applicant).DisableAntiforgery()
            .Reads<SubmitApplicationBody>(BodyRule.JsonOrMultipart).RequireRateLimiting(SubmissionsPolicy)
            .WithSummary("Submit one combined application (JSON, or multipart with the materials); an Idempotency-Key header makes retries safe");
        group.MapGet("/", ListAsync).Produces<ApplicationSummaryDto[]>().WithSummary("My applications, newest first (limit 1–500, default 50; offset)");
        group.MapGet("/{id:guid}", GetAsync).Produces<ApplicationDto>().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("An application with every step's progress and deadline");
        group.MapGet("/tracking/{trackingNumber}", FindByTrackingNumberAsync).Produces<ApplicationDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("An application found by the tracking number on its receipt");
        group.MapPost("/{id:guid}/materials", AttachAsync).Produces<SubmittedDto>().ProducesProblem(StatusCodes.Status404NotFound).DisableAntiforgery()
            .Reads(BodyRule.Multipart).RequireRateLimiting(SubmissionsPolicy)
            .WithSummary("Upload materials after submitting, or answer a supplement request (补正): its materials as files, and the form answers it asks to correct as a field named form ({ \"<field>\": value }), in one submission");
        group.MapGet("/{id:guid}/materials/{materialId:guid}", DownloadAsync).Produces<Stream>(StatusCodes.Status200OK, "application/octet-stream").ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Download an uploaded material");
        group.MapGet("/{id:guid}/audit", AuditAsync).Produces<AuditTrailDto>().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("The application's audit trail");
        group.MapGet("/{id:guid}/compliance", ComplianceAsync).Produces<ApplicationComplianceDto>().ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(Policies.Admin)
            .WithSummary("Each decided department step: the figures its department reported beside the engine's recomputation, and every disagreement");
        group.MapGet("/{id:guid}/clocks", ClocksAsync).Produces<ApplicationClocksDto>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Every clock of the application (bundle, stages, steps): limits, status, log, and how each due time comes about");
        return app;
    }

    private static async Task<IResult> SubmitAsync(
        HttpRequest request,
        ClaimsPrincipal user,
        ApplicationService service,
        ApplicationViews views,
        IOptions<RequestLimits> limits,
        IOptions<EngineOptions> engine,
        CancellationToken cancellationToken)
    {
        var (key, keyProblem) = IdempotencyKeys.Read(request);
        if (keyProblem is not null)
        {
            return keyProblem;
        }

        var (body, files, problem) = await ReadSubmissionAsync(request, limits.Value, engine.Value, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var idempotency = key is null ? null : new IdempotencyKey(key, await SubmissionFingerprint.ComputeAsync(body!, files, cancellationToken));
        var uploads = Uploads(files);
        var outcome = await service.SubmitAsync(
            ServiceIdOf(body!), body!["form"] as JsonObject, uploads, new Applicant(user.Id(), user.DisplayName(), Language: LanguageOf(body)!), idempotency, cancellationToken);
        return outcome.Application is { } application
            ? Results.Created($"/api/applications/{application.Id}", await views.SubmittedAsync(application, RequestLanguage.PrefersEnglish(request), cancellationToken))
            : Refused(outcome);
    }

    /// <summary>
    /// A submission's body, as JSON or as multipart with the materials, with its service id and form checked for shape:
    /// the applicant's submission and the window's read it alike.
    /// </summary>
    internal static async Task<(JsonObject? Body, IFormFileCollection? Files, IResult? Problem)> ReadSubmissionAsync(
        HttpRequest request, RequestLimits limits, EngineOptions engine, CancellationToken cancellationToken)
    {
        JsonObject? body;
        IFormFileCollection? files = null;
        if (request.HasFormContentType)
        {
            var (form, formProblem) = await RequestBodies.ReadFormAsync(request, FormOptions(limits, engine), cancellationToken);
            if (formProblem is not null)
            {
                return (null, null, formProblem);
            }

            var text = form!["application"].ToString();
            if (text.Length == 0)
            {
                return (null, null, Problems.Field("application", "multipart 请求须有名为 application 的字段，内容为 { \"serviceId\": …, \"form\": { … } }"));
            }

            if (RequestBodies.CheckFormText(text, "application") is { } textProblem)
            {
                return (null, null, textProblem);
            }

            (body, var problem) = RequestBodies.ParseJsonObject(text, new ProblemText("application 字段", "The application field"), "application");
            if (problem is not null)
            {
                return (null, null, problem);
            }

            files = form.Files;
            if (TooManyFiles(files, limits) is { } tooMany)
            {
                return (null, null, tooMany);
            }
        }
        else
        {
            (body, var problem) = await RequestBodies.ReadJsonObjectAsync(request, limits.JsonBodyBytes, cancellationToken);
            if (problem is not null)
            {
                return (null, null, problem);
            }
        }

        if (body!["serviceId"] is not JsonValue serviceValue || !serviceValue.TryGetValue<string>(out var serviceId) || serviceId.Length == 0)
        {
            return (null, null, Problems.Field("serviceId", "缺少事项标识 serviceId"));
        }

        if (body["form"] is not (null or JsonObject))
        {
            return (null, null, Problems.Field("form", "form 应为对象：{ \"字段标识\": 值, … }"));
        }

        if (body["language"] is not null && LanguageOf(body) is null)
        {
            return (null, null, Problems.Field("language", UnknownLanguage));
        }

        return (body, files, null);
    }

    /// <summary>The service id of a body <see cref="ReadSubmissionAsync"/> accepted.</summary>
    internal static string ServiceIdOf(JsonObject body) => body["serviceId"]!.GetValue<string>();

    /// <summary>
    /// The language the applicant is written to in, as a body names it (<c>language</c>: one of <see cref="ApplicantLanguages.All"/>),
    /// Chinese where it names none; null for anything else.
    /// </summary>
    internal static string? LanguageOf(JsonObject body) => body["language"] switch
    {
        null => ApplicantLanguages.Chinese,
        JsonValue value when value.TryGetValue<string>(out var language) && ApplicantLanguages.IsKnown(language) => language,
        _ => null,
    };

    /// <summary>What a language other than the two is refused with, naming them.</summary>
    internal static readonly ProblemText UnknownLanguage = new(
        $"language 为申请人接收邮件和短信的语言，只能是 {string.Join(" 或 ", ApplicantLanguages.All.Select(l => $"\"{l}\""))}（不填为 \"{ApplicantLanguages.Chinese}\"）",
        $"language is the language of the applicant's e-mails and SMS: one of {string.Join(" or ", ApplicantLanguages.All.Select(l => $"\"{l}\""))} (\"{ApplicantLanguages.Chinese}\" when left out)");

    private static async Task<IResult> ListAsync(
        ClaimsPrincipal user, HttpRequest request, IApplicationQueries queries, ApplicationViews views, string? limit, string? offset, CancellationToken cancellationToken)
    {
        var page = Paging.Read(limit, offset, out var problem, defaultLimit: 50);
        if (problem is not null)
        {
            return problem;
        }

        return Results.Ok(await views.SummariesAsync(
            await queries.ListByApplicantAsync(user.Id(), page.Limit, page.Offset, cancellationToken), RequestLanguage.PrefersEnglish(request), cancellationToken));
    }

    private static async Task<IResult> GetAsync(
        Guid id, ClaimsPrincipal user, HttpRequest request, IApplicationQueries queries, ApplicationViews views, CancellationToken cancellationToken)
    {
        if (await VisibleAsync(id, user, queries, views, cancellationToken) is not { } application)
        {
            return Problems.NotFound(NotFoundDetail);
        }

        await views.RecordViewAsync(application, user, null, cancellationToken);
        return Results.Ok(ApplicationViews.ForReader(await views.DetailAsync(application, RequestLanguage.PrefersEnglish(request), cancellationToken), user));
    }

    private static async Task<IResult> FindByTrackingNumberAsync(
        string trackingNumber, ClaimsPrincipal user, HttpRequest request, IApplicationQueries queries, ApplicationViews views, CancellationToken cancellationToken)
    {
        var number = Window.TrackingNumbers.Normalize(trackingNumber);
        if (number.Length > Window.TrackingNumbers.MaxLength)
        {
            return Problems.Field("trackingNumber", Window.TrackingNumbers.TooLong);
        }

        var application = await queries.FindByTrackingNumberAsync(number, cancellationToken);
        if (application is null || !await views.CanViewAsync(user, application, cancellationToken))
        {
            return Problems.NotFound("没有这个受理编号的申请");
        }

        await views.RecordViewAsync(application, user, ApplicationViews.ViaTrackingNumber, cancellationToken);
        return Results.Ok(ApplicationViews.ForReader(await views.DetailAsync(application, RequestLanguage.PrefersEnglish(request), cancellationToken), user));
    }

    /// <summary>
    /// Who may see an application may see its clocks (who acted on them only the staff): they hold no personal data, so
    /// reading them is not logged as a view.
    /// </summary>
    private static async Task<IResult> ClocksAsync(
        Guid id, ClaimsPrincipal user, HttpRequest request, IApplicationQueries queries, ApplicationViews views, ClockViews clocks, CancellationToken cancellationToken) =>
        await VisibleAsync(id, user, queries, views, cancellationToken) is { } application
            ? Results.Ok(ClockViews.ForReader(await clocks.OfAsync(application, RequestLanguage.PrefersEnglish(request), cancellationToken), user))
            : Problems.NotFound(NotFoundDetail);

    private static async Task<IResult> AttachAsync(
        Guid id,
        HttpRequest request,
        ClaimsPrincipal user,
        IApplicationQueries queries,
        ApplicationService service,
        ApplicationViews views,
        IOptions<RequestLimits> limits,
        IOptions<EngineOptions> engine,
        CancellationToken cancellationToken)
    {
        if (await VisibleAsync(id, user, queries, views, cancellationToken) is not { } existing)
        {
            return Problems.NotFound(NotFoundDetail);
        }

        // Separation of duties, as on the application's page: only the applicant (or the window staff for a walk-in)
        // supplies the materials, not an administrator.
        if (ApplicationViews.ActorFor(user, existing) is not { } actor)
        {
            return Problems.Forbidden("只有申请人可以上传材料");
        }

        var (form, problem) = await RequestBodies.ReadFormAsync(request, FormOptions(limits.Value, engine.Value), cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (TooManyFiles(form!.Files, limits.Value) is { } tooMany)
        {
            return tooMany;
        }

        JsonObject? corrections = null;
        if (form["form"].ToString() is { Length: > 0 } text)
        {
            if (RequestBodies.CheckFormText(text, "form") is { } textProblem)
            {
                return textProblem;
            }

            (corrections, problem) = RequestBodies.ParseJsonObject(text, new ProblemText("form 字段", "The form field"), "form");
            if (problem is not null)
            {
                return problem;
            }
        }

        var outcome = await service.AttachAsync(id, Uploads(form.Files), corrections, actor, cancellationToken);
        return outcome.Application is { } application
            ? Results.Ok(await views.SubmittedAsync(application, RequestLanguage.PrefersEnglish(request), cancellationToken))
            : Refused(outcome);
    }

    private static async Task<IResult> DownloadAsync(
        Guid id, Guid materialId, ClaimsPrincipal user, HttpRequest request, IApplicationQueries queries, ApplicationViews views, IBlobStore blobs,
        IAccessLog access, CancellationToken cancellationToken)
    {
        // A department host sees no application, only the materials its departments' steps use (checked below).
        var service = user.IsInRole(ServiceRoles.DepartmentHost);
        var visible = service ? await queries.GetAsync(id, cancellationToken) : await VisibleAsync(id, user, queries, views, cancellationToken);
        if (visible is not { } application)
        {
            return Problems.NotFound(NotFoundDetail);
        }

        var material = (await queries.MaterialsAsync(id, cancellationToken)).FirstOrDefault(m => m.Id == materialId);
        if (material is null)
        {
            return Problems.NotFound("没有这份材料");
        }

        if (!await views.CanDownloadAsync(user, application, material, cancellationToken))
        {
            return Problems.Forbidden("本部门没有使用这份材料的事项，或您未认领、未办理使用它的事项");
        }

        if (blobs.OpenRead(material.Sha256) is not { } stream)
        {
            return Problems.NotFound("没有这份材料");
        }

        var detail = new Dictionary<string, string?> { ["material"] = material.MaterialKey, ["sha256"] = material.Sha256 };
        if (service)
        {
            // The clerk the department host fetched it for, as that host says: it checked the clerk holds the step.
            detail["onBehalfOf"] = request.Headers[ServiceRoles.OnBehalfOf].ToString() is { Length: > 0 and <= 64 } clerk ? clerk : null;
        }

        await access.RecordAsync(application.Id, user.Id(), AccessTypes.MaterialDownloaded, detail, cancellationToken);

        // The type of the format the content was checked against, as an attachment (Content-Disposition with an
        // RFC 5987 file name): a browser saves it rather than showing it, and nosniff (on every response) keeps it
        // from guessing another type.
        return Results.File(stream, MaterialFormats.Served(material.ContentType), MaterialFileNames.ForDownload(material.FileName));
    }

    private static async Task<IResult> AuditAsync(Guid id, ClaimsPrincipal user, IApplicationQueries queries, ApplicationViews views, CancellationToken cancellationToken)
    {
        if (await VisibleAsync(id, user, queries, views, cancellationToken) is not { } application)
        {
            return Problems.NotFound(NotFoundDetail);
        }

        return Results.Ok(await views.AuditTrailAsync(application, cancellationToken));
    }

    private static async Task<IResult> ComplianceAsync(
        Guid id, ClaimsPrincipal user, IApplicationQueries queries, ApplicationViews views, IStepReportQueries reports, ReferenceData reference,
        CancellationToken cancellationToken)
    {
        if (await VisibleAsync(id, user, queries, views, cancellationToken) is not { } application)
        {
            return Problems.NotFound(NotFoundDetail);
        }

        return Results.Ok(ApplicationComplianceDto.From(application, await reports.ForApplicationAsync(application.Id, cancellationToken), reference));
    }

    /// <summary>
    /// A refused submission or signature. Its messages are in the language they were made in (see <see cref="FormMessages"/>);
    /// the titles follow <paramref name="english"/>, which says the same.
    /// </summary>
    internal static IResult Refused(SubmissionOutcome outcome, bool english = false)
    {
        string Title(ProblemText title) => english ? title.En : title.Zh;
        return outcome.Problem switch
        {
            SubmissionProblem.UnknownService or SubmissionProblem.UnknownApplication =>
                Results.Problem(outcome.Errors[""][0], statusCode: StatusCodes.Status404NotFound, title: Title(Problems.NotFoundTitle)),
            SubmissionProblem.Closed => Results.Problem(outcome.Errors[""][0], statusCode: StatusCodes.Status409Conflict, title: Title(Problems.ConflictTitle)),
            SubmissionProblem.TooLarge => Problems.TooLarge(outcome.Errors),
            SubmissionProblem.IdempotencyConflict => Problems.Unprocessable(outcome.Errors[""][0]),
            _ => Problems.Validation(outcome.Errors, Title(Problems.Invalid)),
        };
    }

    private static Task<ApplicationRecord?> VisibleAsync(Guid id, ClaimsPrincipal user, IApplicationQueries queries, ApplicationViews views, CancellationToken cancellationToken) =>
        views.VisibleAsync(id, user, cancellationToken);

    private static UploadedMaterial[] Uploads(IFormFileCollection? files) => MaterialUploads.Of(files);

    private static IResult? TooManyFiles(IFormFileCollection files, RequestLimits limits) =>
        MaterialUploads.TooMany(files, limits) is { } message ? Problems.Field("materials", message) : null;

    /// <summary>
    /// The bounds of a multipart body: the application field as large as a JSON body, files up to
    /// <c>Limits:UploadFiles</c> (a few more entries for stray text fields), the whole as the upload bound.
    /// </summary>
    private static FormOptions FormOptions(RequestLimits limits, EngineOptions engine) => new()
    {
        ValueLengthLimit = limits.JsonBodyBytes,
        ValueCountLimit = limits.UploadFiles + 8,
        KeyLengthLimit = 200,
        MultipartBodyLengthLimit = limits.UploadBytesFor(engine.MaxMaterialBytes),
    };
}
