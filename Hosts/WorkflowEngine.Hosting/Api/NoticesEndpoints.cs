using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WorkflowEngine.Core.Calendars;
using WorkflowEngine.Definitions;
using WorkflowEngine.Hosting.Distributed;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Api;

/// <summary>What a department host tells the department's supervisors: its tasks that turned red (红牌), newest first.</summary>
public static class NoticesEndpoints
{
    public static IEndpointRouteBuilder MapNotices(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/departments/{code}/notices", ListAsync).WithTags("Tasks").RequireAuthorization(Policies.Clerk)
            .WithSummary("Notices for a department's supervisors, newest first: each task that passed its due time while open (红牌)");
        return app;
    }

    private static async Task<IResult> ListAsync(
        string code, int? limit, int? offset, ClaimsPrincipal user, ReferenceData reference, ServedDepartments served, ITaskQueries queries,
        CancellationToken cancellationToken)
    {
        if (!reference.Departments.TryGetValue(code, out var department) || !served.Serves(code))
        {
            return Problems.NotFound($"没有部门“{code}”的办件在本机办理");
        }

        if (!user.IsAdmin() && !(user.IsInRole(Roles.Supervisor) && user.Department() == code))
        {
            return Problems.Forbidden($"只有{department.Name.Zh}的负责人可以查看本部门的督办提醒");
        }

        var notices = await queries.NoticesAsync(code, Math.Clamp(limit ?? 50, 1, 500), Math.Max(offset ?? 0, 0), cancellationToken);
        return Results.Ok(notices.Select(n => new NoticeDto(
            n.Id, n.Kind, n.Message, n.TaskId, n.ApplicationId, n.TrackingNumber, n.StepId, n.Title, ChinaTime.ToLocal(n.DueAt), ChinaTime.ToLocal(n.CreatedAt))));
    }
}
