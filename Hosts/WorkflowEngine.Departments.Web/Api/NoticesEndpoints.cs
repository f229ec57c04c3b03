using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WorkflowEngine.Calendars;
using WorkflowEngine.Hosting.Api.Desk;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// What a department host tells the department's supervisors: its tasks that turned red (红牌), newest first; and its
/// steps whose clock stands still now, with why, since when and the known end.
/// </summary>
public static class NoticesEndpoints
{
    public static IEndpointRouteBuilder MapNotices(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/departments/{code}/notices", ListAsync).Produces<NoticeDto[]>().WithTags("Tasks").RequireAuthorization(Policies.Clerk)
            .WithSummary("Notices for a department's supervisors, newest first: each task that passed its due time while open (红牌); limit 1–500, default 50; offset");
        app.MapGet("/api/departments/{code}/paused", PausedAsync).Produces<PausedTaskDto[]>().WithTags("Tasks").RequireAuthorization(Policies.Supervisor)
            .WithSummary("A department's open tasks whose clock is paused now (补正 waiting for the applicant, an excluded period), most urgent first, with the reason, since when and the known end; its supervisors only; limit 1–500, default 50; offset");
        return app;
    }

    private static async Task<IResult> PausedAsync(
        string code, string? limit, string? offset, ClaimsPrincipal user, HttpRequest request, ClerkActions clerk, CancellationToken cancellationToken)
    {
        var english = RequestLanguage.PrefersEnglish(request);
        var outcome = await clerk.PausedAsync(code, limit, offset, user, cancellationToken);
        var names = outcome.Value is { } paused ? await clerk.NamesAsync(paused, cancellationToken) : UserNames.None;
        return outcome.ToResult(tasks => Results.Ok(tasks.Select(t => PausedTaskDto.Of(t, english, names))));
    }

    private static async Task<IResult> ListAsync(
        string code, string? limit, string? offset, ClaimsPrincipal user, HttpRequest request, ClerkActions clerk, CancellationToken cancellationToken)
    {
        // In English where asked and kept (a notice left before English was kept has its Chinese only).
        var english = RequestLanguage.PrefersEnglish(request);
        return (await clerk.NoticesAsync(code, limit, offset, user, cancellationToken)).ToResult(notices => Results.Ok(notices.Select(n => new NoticeDto(
            n.Id, n.Kind, english ? n.MessageEn ?? n.Message : n.Message, n.TaskId, n.ApplicationId, n.TrackingNumber, n.StepId, english ? n.TitleEn ?? n.Title : n.Title, ChinaTime.ToLocal(n.DueAt), ChinaTime.ToLocal(n.CreatedAt)))));
    }
}
