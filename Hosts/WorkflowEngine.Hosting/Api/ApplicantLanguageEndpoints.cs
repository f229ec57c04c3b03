using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using WorkflowEngine.Hosting.Configuration;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Runtime.Processing;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// The language the applicant is written to in (e-mail, SMS), changed after submitting, as on the progress page: by the
/// applicant, or window staff for a walk-in citizen; audited (<c>LanguageChanged</c>). Anyone else who may see the
/// application is refused, anyone else is told it does not exist.
/// </summary>
public static class ApplicantLanguageEndpoints
{
    public static IEndpointRouteBuilder MapApplicantLanguage(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/applications/{id:guid}/language", ChangeAsync).WithTags("Applications").RequireAuthorization(Policies.ApplicantActs)
            .Reads<ChangeLanguageRequest>(BodyRule.Json).Produces<ApplicationDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Change the language of the applicant's e-mails and SMS ({ \"language\": \"zh-CN\" | \"en\" }): the next message is written in it and its link opens the pages in it; "
                + "window staff change it for a walk-in citizen");
        return app;
    }

    private static async Task<IResult> ChangeAsync(
        Guid id,
        HttpRequest request,
        ClaimsPrincipal user,
        EngineProcessor engine,
        ApplicationViews views,
        IOptions<RequestLimits> limits,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await RequestBodies.ReadJsonAsync<ChangeLanguageRequest>(
            request, limits.Value.JsonBodyBytes, new ProblemText("请求体应为 { \"language\": \"zh-CN\" 或 \"en\" }", "The request body should be { \"language\": \"zh-CN\" or \"en\" }"), cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (actor, refused) = await views.ActorOrProblemAsync(id, user, new ProblemText("只有申请人可以更改通知语言", "Only the applicant may change the language of the messages"), cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        if (!ApplicantLanguages.IsKnown(body!.Language))
        {
            return Problems.Field("language", ApplicationsEndpoints.UnknownLanguage);
        }

        return await engine.ChangeLanguageAsync(id, body.Language!, actor!, cancellationToken) is { } changed
            ? Results.Ok(ApplicationViews.ForReader(await views.DetailAsync(changed, RequestLanguage.PrefersEnglish(request), cancellationToken), user))
            : Problems.NotFound(new ProblemText("没有这个申请", "There is no such application"));
    }
}
