using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WorkflowEngine.Calendars;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Outbox;

namespace WorkflowEngine.Hosting.Api;

/// <summary>Administrators' view of messages their receivers gave up on: read them, send them again.</summary>
public static class FailedMessagesEndpoints
{
    public static IEndpointRouteBuilder MapFailedMessages(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/failed-messages").WithTags("Failed messages").RequireAuthorization(Policies.Admin);
        group.MapGet("/", ListAsync).Produces<FailedMessageDto[]>().WithSummary(
            "Failed messages not yet sent again, newest first (?all=true: every one; ?ignored=true: instead, the messages of types added after this host's release that it ignored; limit 1–500, default 50; offset)");
        group.MapGet("/{id:guid}", GetAsync).Produces<FailedMessageDto>().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("One failed message with its body and error");
        group.MapPost("/{id:guid}/replay", ReplayAsync).Produces<FailedMessageDto>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Send the message again to its queue, under its own message id");
        return app;
    }

    private static async Task<IResult> ListAsync(bool? all, bool? ignored, string? limit, string? offset, IFailedMessageStore store, CancellationToken cancellationToken)
    {
        var page = Paging.Read(limit, offset, out var problem, defaultLimit: 50);
        if (problem is not null)
        {
            return problem;
        }

        var (includeReplayed, take, skip) = (all ?? false, page.Limit, page.Offset);
        var messages = ignored ?? false
            ? await store.ListIgnoredAsync(includeReplayed, take, skip, cancellationToken)
            : await store.ListAsync(includeReplayed, take, skip, cancellationToken);
        return Results.Ok(messages.Select(Dto));
    }

    private static async Task<IResult> GetAsync(Guid id, IFailedMessageStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } message ? Results.Ok(Dto(message)) : Problems.NotFound(FailedMessageReplay.NotFound);

    private static async Task<IResult> ReplayAsync(Guid id, ClaimsPrincipal user, IFailedMessageStore store, TimeProvider time, CancellationToken cancellationToken) =>
        await FailedMessageReplay.ReplayAsync(id, user.Id(), store, time, cancellationToken) switch
        {
            (null, var problem) => Problems.NotFound(problem!),
            (var message, null) => Results.Ok(Dto(message)),
            (_, var problem) => Problems.Conflict(problem),
        };

    private static FailedMessageDto Dto(FailedMessageRecord m) =>
        new(m.Id, m.Queue, m.MessageId, m.MessageType, m.Body, m.Error, ChinaTime.ToLocal(m.FailedAt), ChinaTime.ToLocal(m.ReplayedAt), m.ReplayedBy, m.Ignored);
}
