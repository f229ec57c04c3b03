using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WorkflowEngine.Calendars;
using Microsoft.Extensions.Options;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Hosting.Configuration;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Incidents;
using WorkflowEngine.Runtime.Processing;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Hosting.Api;

/// <summary>Administrators' view of applications whose execution failed: list, retry (optionally on a newer version), cancel.</summary>
public static class IncidentsEndpoints
{
    public static IEndpointRouteBuilder MapIncidents(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/incidents").WithTags("Incidents").RequireAuthorization(Policies.Admin);
        group.MapGet("/", ListAsync).Produces<IncidentDto[]>().WithSummary("Incidents, newest first (status: open, resolved, cancelled, all; limit 1–500, default 50; offset)");
        group.MapGet("/{id:guid}", GetAsync).Produces<IncidentDto>().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("One incident with the events it holds");
        group.MapPost("/{id:guid}/retry", RetryAsync).Reads<RetryIncidentBody>(BodyRule.Json).Produces<IncidentDto>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Apply the held events again, optionally after moving the application to a newer published version: { \"migrateToVersion\": N }");
        group.MapPost("/{id:guid}/cancel", CancelAsync).Reads<CancelIncidentBody>(BodyRule.Json).Produces<IncidentDto>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Cancel the application instead: { \"reason\": \"…\" } (told to the applicant)");
        return app;
    }

    private static async Task<IResult> ListAsync(string? status, string? limit, string? offset, IIncidentQueries incidents, IApplicationQueries applications, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, ProblemText[]>();
        var filter = status ?? IncidentStatuses.Open;
        if (!IncidentStatuses.Filters.Contains(filter))
        {
            errors["status"] = [new($"status 只能是 {string.Join("、", IncidentStatuses.Filters)}", $"status must be one of {string.Join(", ", IncidentStatuses.Filters)}")];
        }

        var page = Paging.Read(limit, offset, errors, defaultLimit: 50);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var list = await incidents.ListAsync(filter, page.Limit, page.Offset, cancellationToken);
        var dtos = new List<IncidentDto>(list.Count);
        foreach (var incident in list)
        {
            dtos.Add(Dto(incident, await applications.GetAsync(incident.ApplicationId, cancellationToken)));
        }

        return Results.Ok(dtos);
    }

    private static async Task<IResult> GetAsync(Guid id, IIncidentQueries incidents, IApplicationQueries applications, CancellationToken cancellationToken) =>
        await incidents.GetAsync(id, cancellationToken) is { } incident
            ? Results.Ok(Dto(incident, await applications.GetAsync(incident.ApplicationId, cancellationToken)))
            : Problems.NotFound("没有这个异常");

    private static async Task<IResult> RetryAsync(
        Guid id,
        HttpRequest request,
        ClaimsPrincipal user,
        IIncidentQueries incidents,
        IApplicationQueries applications,
        EngineProcessor engine,
        IOptions<RequestLimits> limits,
        CancellationToken cancellationToken)
    {
        int? version = null;
        if (request.ContentLength is not 0)
        {
            var (body, problem) = await RequestBodies.ReadJsonObjectAsync(request, limits.Value.JsonBodyBytes, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }

            switch (body!["migrateToVersion"])
            {
                case null:
                    break;
                case JsonValue value when value.TryGetValue<int>(out var v) && v > 0:
                    version = v;
                    break;
                default:
                    return Problems.Field("migrateToVersion", "migrateToVersion 应为已发布的版本号（正整数），或不填（按原版本重试）");
            }
        }

        return await ActAsync(id, IncidentAction.Retry, version, null, user, incidents, applications, engine, cancellationToken);
    }

    private static async Task<IResult> CancelAsync(
        Guid id,
        HttpRequest request,
        ClaimsPrincipal user,
        IIncidentQueries incidents,
        IApplicationQueries applications,
        EngineProcessor engine,
        IOptions<RequestLimits> limits,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await RequestBodies.ReadJsonObjectAsync(request, limits.Value.JsonBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var reason = body!["reason"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        if (IncidentResolution.ReasonProblem(reason) is { } refusal)
        {
            return Problems.Field("reason", refusal);
        }

        return await ActAsync(id, IncidentAction.Cancel, null, reason, user, incidents, applications, engine, cancellationToken);
    }

    private static async Task<IResult> ActAsync(
        Guid id,
        IncidentAction action,
        int? version,
        string? reason,
        ClaimsPrincipal user,
        IIncidentQueries incidents,
        IApplicationQueries applications,
        EngineProcessor engine,
        CancellationToken cancellationToken)
    {
        var result = await IncidentResolution.ResolveAsync(id, action, version, reason, user.Id(), incidents, engine, cancellationToken);
        return result switch
        {
            null => Problems.NotFound("没有这个异常"),
            { Status: IncidentActionStatus.Done, Incident: { } done } => Results.Ok(Dto(done, await applications.GetAsync(done.ApplicationId, cancellationToken))),
            _ => Problems.Conflict(result.Problem!),
        };
    }

    private static IncidentDto Dto(IncidentRecord i, ApplicationRecord? application) => new(
        i.Id,
        i.ApplicationId,
        application?.TrackingNumber,
        application?.ServiceId,
        application?.ServiceVersion,
        i.Status,
        i.StepId,
        i.Error,
        i.ErrorType,
        ChinaTime.ToLocal(i.RaisedAt),
        ChinaTime.ToLocal(i.UpdatedAt),
        i.Attempts,
        i.Events.Select(e => new HeldEventDto(Name(e.Event), StepOf(e.Event), ChinaTime.ToLocal(e.At))).ToArray(),
        ChinaTime.ToLocal(i.ResolvedAt),
        i.ResolvedBy,
        i.Resolution);

    private static string Name(WorkflowEvent e) => e switch
    {
        WorkflowStartedEvent => "started",
        StepReceivedEvent => "received",
        StepResendEvent => "resend",
        StepClaimedEvent => "claimed",
        StepCompletedEvent => "completed",
        TimerFiredEvent => "timer",
        WorkflowCancelledEvent => "cancelled",
        WorkflowWithdrawnEvent => "withdrawn",
        _ => e.GetType().Name,
    };

    private static string? StepOf(WorkflowEvent e) => e switch
    {
        StepReportEvent report => report.StepId,
        TimerFiredEvent timer => timer.NodeId,
        _ => null,
    };
}
