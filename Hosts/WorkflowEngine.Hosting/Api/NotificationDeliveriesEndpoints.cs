using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WorkflowEngine.Calendars;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Notifications;

namespace WorkflowEngine.Hosting.Api;

/// <summary>Administrators' view of the e-mails and SMS to applicants: those that failed for good, and sending one again.</summary>
public static class NotificationDeliveriesEndpoints
{
    public static IEndpointRouteBuilder MapNotificationDeliveries(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/notification-deliveries").WithTags("Notification deliveries").RequireAuthorization(Policies.Admin);
        group.MapGet("/", ListAsync).Produces<NotificationDeliveryDto[]>().ProducesProblem(StatusCodes.Status400BadRequest).WithSummary(
            "E-mails and SMS to applicants, newest first: ?status=failed (the default: those given up, with the reason), pending, sent or all; limit 1–500, default 50; offset");
        group.MapPost("/{id:long}/retry", RetryAsync).Produces<NotificationDeliveryDto>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Send a failed message again, from its first attempt");
        return app;
    }

    private static async Task<IResult> ListAsync(string? status, string? limit, string? offset, INotificationDeliveryStore store, CancellationToken cancellationToken)
    {
        var page = Paging.Read(limit, offset, out var problem, defaultLimit: 50);
        if (problem is not null)
        {
            return problem;
        }

        string? filter = (status ?? DeliveryStatuses.Failed) switch
        {
            "all" => null,
            DeliveryStatuses.Failed or DeliveryStatuses.Pending or DeliveryStatuses.Sent => status ?? DeliveryStatuses.Failed,
            _ => "?",
        };
        if (filter == "?")
        {
            return Results.Problem("status must be failed, pending, sent or all", statusCode: StatusCodes.Status400BadRequest);
        }

        return Results.Ok((await store.ListAsync(filter, page.Limit, page.Offset, cancellationToken)).Select(Dto).ToArray());
    }

    private static async Task<IResult> RetryAsync(long id, INotificationDeliveryStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!await store.RetryAsync(id, time.GetUtcNow(), cancellationToken))
        {
            return Problems.NotFound("没有这条发送失败的通知");
        }

        var retried = (await store.ListAsync(DeliveryStatuses.Pending, 500, 0, cancellationToken)).FirstOrDefault(d => d.Sequence == id);
        return retried is null ? Results.Accepted() : Results.Ok(Dto(retried));
    }

    internal static NotificationDeliveryDto Dto(NotificationDelivery d) => new(
        d.Sequence, d.ApplicationId, d.TrackingNumber, d.Kind, d.Channel, d.Recipient, d.Subject, d.Body, d.Status, d.Attempts, d.LastError,
        ChinaTime.ToLocal(d.CreatedAt), ChinaTime.ToLocal(d.FinishedAt),
        d.Status == DeliveryStatuses.Pending ? ChinaTime.ToLocal(d.LeaseUntil) : null);
}
