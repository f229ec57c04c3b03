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
/// 告知承诺制: the applicant signs a step's commitment and the step is approved at once; the department verifies it
/// later (事后核查). Only the applicant signs — or, for a citizen who walked in, window staff record the signature the
/// citizen put on paper before them: anyone else who may see the application is refused, anyone else is told it does
/// not exist. Refusals are in Chinese, or English when the request prefers it, as on the application's page.
/// </summary>
public static class CommitmentsEndpoints
{
    public static IEndpointRouteBuilder MapCommitments(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/applications/{id:guid}/commitments", SignAsync).WithTags("Applications").RequireAuthorization(Policies.ApplicantActs)
            .Reads<SignCommitmentRequest>(BodyRule.Json).Produces<ApplicationDto>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Sign a step's commitment ({ step, accept: true, textSha256? }): the step is approved on commitment and verified later; "
                + "for a walk-in's application, window staff send it once the citizen has signed the paper, and it is recorded as signed at the window by them for the citizen");
        return app;
    }

    private static async Task<IResult> SignAsync(
        Guid id,
        HttpRequest request,
        ClaimsPrincipal user,
        CommitmentService commitments,
        ApplicationViews views,
        IOptions<RequestLimits> limits,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await RequestBodies.ReadJsonAsync<SignCommitmentRequest>(
            request, limits.Value.JsonBodyBytes, new ProblemText("请求体应为 { \"step\": \"事项标识\", \"accept\": true }", "The request body should be { \"step\": \"step id\", \"accept\": true }"), cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (actor, refused) = await views.ActorOrProblemAsync(id, user, new ProblemText("告知承诺书只能由申请人本人签署", "Only the applicant may sign the commitment"), cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        if (string.IsNullOrWhiteSpace(body!.Step))
        {
            return Problems.Field("step", new ProblemText("缺少事项标识 step", "The step is missing: say which step's commitment is signed"));
        }

        if (body.Accept != true)
        {
            return Problems.Field("accept", new ProblemText("须阅读并同意承诺书（accept: true）才能签署", "Read and accept the commitment (accept: true) to sign it"));
        }

        var english = RequestLanguage.PrefersEnglish(request);
        SubmissionOutcome outcome;
        using (FormMessages.InEnglish(english))
        {
            outcome = await commitments.SignAsync(id, body.Step, body.TextSha256, actor!, cancellationToken);
        }

        return outcome.Application is { } signed
            ? Results.Ok(ApplicationViews.ForReader(await views.DetailAsync(signed, english, cancellationToken), user))
            : ApplicationsEndpoints.Refused(outcome, english);
    }
}
