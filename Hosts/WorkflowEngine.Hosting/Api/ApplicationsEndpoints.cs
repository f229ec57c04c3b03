using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WorkflowEngine.Core.Calendars;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Materials;

namespace WorkflowEngine.Hosting.Api;

/// <summary>Applying, tracking, uploading materials.</summary>
public static class ApplicationsEndpoints
{
    public static IEndpointRouteBuilder MapApplications(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/applications").WithTags("Applications").RequireAuthorization();
        group.MapPost("/", SubmitAsync).RequireAuthorization(Policies.Applicant).DisableAntiforgery()
            .WithSummary("Submit one combined application (JSON, or multipart with the materials)");
        group.MapGet("/", ListAsync).WithSummary("My applications");
        group.MapGet("/{id:guid}", GetAsync).WithSummary("An application with every step's progress and deadline");
        group.MapGet("/tracking/{trackingNumber}", FindByTrackingNumberAsync).WithSummary("An application found by the tracking number on its receipt");
        group.MapPost("/{id:guid}/materials", AttachAsync).DisableAntiforgery().WithSummary("Upload materials after submitting");
        group.MapGet("/{id:guid}/materials/{materialId:guid}", DownloadAsync).WithSummary("Download an uploaded material");
        group.MapGet("/{id:guid}/audit", AuditAsync).WithSummary("The application's audit trail");
        return app;
    }

    private static async Task<IResult> SubmitAsync(HttpRequest request, ClaimsPrincipal user, ApplicationService service, ApplicationViews views, CancellationToken cancellationToken)
    {
        JsonObject? body;
        var uploads = new List<UploadedMaterial>();
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            var text = form["application"].ToString();
            if (text.Length == 0)
            {
                return Problems.Field("application", "multipart 请求须有名为 application 的字段，内容为 { \"serviceId\": …, \"form\": { … } }");
            }

            (body, var problem) = RequestBodies.Parse(text, "application 字段");
            if (problem is not null)
            {
                return problem;
            }

            uploads.AddRange(form.Files.Select(f => new UploadedMaterial(MaterialKey(f.Name), f.FileName, f.ContentType, f.OpenReadStream())));
        }
        else
        {
            (body, var problem) = await RequestBodies.ReadJsonObjectAsync(request, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }
        }

        if (body!["serviceId"] is not JsonValue serviceValue || !serviceValue.TryGetValue<string>(out var serviceId) || serviceId.Length == 0)
        {
            return Problems.Field("serviceId", "缺少事项标识 serviceId");
        }

        if (body["form"] is not (null or JsonObject))
        {
            return Problems.Field("form", "form 应为对象：{ \"字段标识\": 值, … }");
        }

        var outcome = await service.SubmitAsync(serviceId, body["form"] as JsonObject, uploads, new Applicant(user.Id(), user.DisplayName()), cancellationToken);
        return outcome.Application is { } application
            ? Results.Created($"/api/applications/{application.Id}", await views.SubmittedAsync(application, cancellationToken))
            : Refused(outcome);
    }

    private static async Task<IResult> ListAsync(ClaimsPrincipal user, IApplicationQueries queries, int? limit, int? offset, CancellationToken cancellationToken) =>
        Results.Ok((await queries.ListByApplicantAsync(user.Id(), Math.Clamp(limit ?? 50, 1, 500), Math.Max(offset ?? 0, 0), cancellationToken))
            .Select(ApplicationViews.Summary));

    private static async Task<IResult> GetAsync(Guid id, ClaimsPrincipal user, IApplicationQueries queries, ApplicationViews views, CancellationToken cancellationToken)
    {
        if (await queries.GetAsync(id, cancellationToken) is not { } application)
        {
            return Problems.NotFound("没有这个申请");
        }

        return await views.CanViewAsync(user, application, cancellationToken)
            ? Results.Ok(await views.DetailAsync(application, cancellationToken))
            : Problems.Forbidden("只有申请人、相关部门和管理员可以查看该申请");
    }

    private static async Task<IResult> FindByTrackingNumberAsync(string trackingNumber, ClaimsPrincipal user, IApplicationQueries queries, ApplicationViews views, CancellationToken cancellationToken)
    {
        if (await queries.FindByTrackingNumberAsync(trackingNumber.Trim().ToUpperInvariant(), cancellationToken) is not { } application)
        {
            return Problems.NotFound($"没有受理编号为“{trackingNumber}”的申请");
        }

        return await views.CanViewAsync(user, application, cancellationToken)
            ? Results.Ok(await views.DetailAsync(application, cancellationToken))
            : Problems.Forbidden("只有申请人、相关部门和管理员可以查看该申请");
    }

    private static async Task<IResult> AttachAsync(Guid id, HttpRequest request, ClaimsPrincipal user, IApplicationQueries queries, ApplicationService service, ApplicationViews views, CancellationToken cancellationToken)
    {
        if (await queries.GetAsync(id, cancellationToken) is not { } existing)
        {
            return Problems.NotFound("没有这个申请");
        }

        if (existing.ApplicantId != user.Id() && !user.IsAdmin())
        {
            return Problems.Forbidden("只有申请人可以上传材料");
        }

        if (!request.HasFormContentType)
        {
            return Problems.Field("body", "请用 multipart/form-data 上传，字段名为材料标识");
        }

        var form = await request.ReadFormAsync(cancellationToken);
        var uploads = form.Files.Select(f => new UploadedMaterial(MaterialKey(f.Name), f.FileName, f.ContentType, f.OpenReadStream())).ToArray();
        var outcome = await service.AttachAsync(id, uploads, cancellationToken);
        return outcome.Application is { } application
            ? Results.Ok(await views.SubmittedAsync(application, cancellationToken))
            : Refused(outcome);
    }

    private static async Task<IResult> DownloadAsync(Guid id, Guid materialId, ClaimsPrincipal user, IApplicationQueries queries, ApplicationViews views, IBlobStore blobs, CancellationToken cancellationToken)
    {
        if (await queries.GetAsync(id, cancellationToken) is not { } application)
        {
            return Problems.NotFound("没有这个申请");
        }

        if (!await views.CanViewAsync(user, application, cancellationToken))
        {
            return Problems.Forbidden("只有申请人、相关部门和管理员可以下载该材料");
        }

        var material = (await queries.MaterialsAsync(id, cancellationToken)).FirstOrDefault(m => m.Id == materialId);
        if (material is null || blobs.OpenRead(material.Sha256) is not { } stream)
        {
            return Problems.NotFound("没有这份材料");
        }

        // The type of the format the content was checked against, as an attachment (Content-Disposition with an
        // RFC 5987 file name): a browser saves it rather than showing it, and nosniff (on every response) keeps it
        // from guessing another type.
        return Results.File(stream, MaterialFormats.Served(material.ContentType), MaterialFileNames.ForDownload(material.FileName));
    }

    private static async Task<IResult> AuditAsync(Guid id, ClaimsPrincipal user, IApplicationQueries queries, ApplicationViews views, CancellationToken cancellationToken)
    {
        if (await queries.GetAsync(id, cancellationToken) is not { } application)
        {
            return Problems.NotFound("没有这个申请");
        }

        if (!await views.CanViewAsync(user, application, cancellationToken))
        {
            return Problems.Forbidden("无权查看该申请的记录");
        }

        return Results.Ok((await queries.AuditAsync(id, cancellationToken)).Select(a => new AuditDto(
            ChinaTime.ToLocal(a.At),
            a.Type,
            a.StepId,
            a.Actor,
            a.DataJson is null ? null : System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string?>>(a.DataJson))));
    }

    private static IResult Refused(SubmissionOutcome outcome) => outcome.Problem switch
    {
        SubmissionProblem.UnknownService => Problems.NotFound(outcome.Errors[""][0]),
        SubmissionProblem.UnknownApplication => Problems.NotFound(outcome.Errors[""][0]),
        SubmissionProblem.Closed => Problems.Conflict(outcome.Errors[""][0]),
        SubmissionProblem.TooLarge => Problems.TooLarge(outcome.Errors),
        _ => Problems.Validation(outcome.Errors),
    };

    /// <summary>A file field may be named <c>articles</c> or <c>materials.articles</c>.</summary>
    private static string MaterialKey(string fieldName) =>
        fieldName.StartsWith("materials.", StringComparison.Ordinal) ? fieldName["materials.".Length..] : fieldName;
}
