using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using WorkflowEngine.Core.Forms;
using WorkflowEngine.Hosting.Configuration;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// 撤回申请: the applicant withdraws an application not yet decided; every department drops its step. Only the applicant
/// withdraws — or, for a citizen who walked in, window staff, with the reason from the citizen's written request:
/// anyone else who may see the application is refused, anyone else is told it does not exist. Refusals are
/// in Chinese, or English when the request prefers it, as on the application's page.
/// </summary>
public static class WithdrawalsEndpoints
{
    public static IEndpointRouteBuilder MapWithdrawals(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/applications/{id:guid}/withdrawal", WithdrawAsync).WithTags("Applications").RequireAuthorization(Policies.ApplicantActs)
            .Reads<WithdrawApplicationRequest>(BodyRule.Json).Produces<ApplicationDto>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Withdraw the application ({ reason? }) while it is not yet decided: it ends as withdrawn and every department drops its step; again answers the same; "
                + "window staff withdraw a walk-in's application for the citizen, and give the reason");
        return app;
    }

    private static async Task<IResult> WithdrawAsync(
        Guid id,
        HttpRequest request,
        ClaimsPrincipal user,
        WithdrawalService withdrawals,
        ApplicationViews views,
        IOptions<RequestLimits> limits,
        CancellationToken cancellationToken)
    {
        // The reason is optional, so is a body that would carry only it.
        (WithdrawApplicationRequest? body, IResult? problem) = RequestBodies.IsEmpty(request) ? (new WithdrawApplicationRequest(null), null) : await RequestBodies.ReadJsonAsync<WithdrawApplicationRequest>(
            request, limits.Value.JsonBodyBytes, new ProblemText("请求体应为 { \"reason\": \"撤回原因（可不填）\" }", "The request body should be { \"reason\": \"why (optional)\" }"), cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (actor, refused) = await views.ActorOrProblemAsync(id, user, new ProblemText("申请只能由申请人本人撤回", "Only the applicant may withdraw the application"), cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        if (body!.Reason is { Length: > WithdrawalService.ReasonLength })
        {
            return Problems.Field("reason", new ProblemText($"撤回原因不能超过 {WithdrawalService.ReasonLength} 个字", $"The reason may be at most {WithdrawalService.ReasonLength} characters"));
        }

        var english = RequestLanguage.PrefersEnglish(request);
        SubmissionOutcome outcome;
        using (FormMessages.InEnglish(english))
        {
            outcome = await withdrawals.WithdrawAsync(id, body.Reason, actor!, cancellationToken);
        }

        return outcome.Application is { } withdrawn
            ? Results.Ok(ApplicationViews.ForReader(await views.DetailAsync(withdrawn, english, cancellationToken), user))
            : ApplicationsEndpoints.Refused(outcome, english);
    }
}
