using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using WorkflowEngine.Core.Forms;
using WorkflowEngine.Hosting.Configuration;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Runtime.Ratings;

namespace WorkflowEngine.Hosting.Api.Ratings;

/// <summary>
/// 好差评: the applicant rates an ended application once, and each decided step once as soon as it is decided
/// (<see cref="RatingService"/>); only the applicant rates — or,
/// for a citizen who walked in, window staff for the citizen: anyone else who may see the application is refused, anyone
/// else is told it does not exist. Administrators list the ratings and record the follow-up (整改) of bad ones.
/// Refusals are in Chinese, or English when the request prefers it.
/// </summary>
public static partial class RatingsEndpoints
{
    public static IEndpointRouteBuilder MapRatings(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/applications/{id:guid}/rating", RateAsync).WithTags("Applications").RequireAuthorization(Policies.ApplicantActs)
            .Reads<RateApplicationRequest>(BodyRule.Json).Produces<RatingDto>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Rate an application that has ended, completed or refused (好差评), once: { level: 1–5, comment?, reason?, steps?: [{ step, level, comment?, reason? }] } — "
                + "a reason for 1 (非常不满意) and 2 (不满意); steps rate single decided department steps (一事一评), each once, a step unknown or not decided is 400 naming it; "
                + "{ steps } alone rates decided steps as soon as they are decided, while the application runs, before or after the overall rating "
                + "(a step rated before is 409 naming it, and is not rated again with the overall rating); "
                + "a second overall rating, or one before the end, is 409; window staff rate a walk-in's application for the citizen");
        app.MapGet("/api/applications/{id:guid}/rating", GetAsync).WithTags("Applications").RequireAuthorization(Policies.ProgressPages)
            .Produces<RatingDto>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The application's rating, to whoever may read the application (level null while only steps are rated, 一事一评); 404 when it has none");
        app.MapGet("/api/admin/ratings", ListAsync).WithTags("Statistics").RequireAuthorization(Policies.Admin)
            .Produces<RatingListDto>().ProducesValidationProblem()
            .WithSummary("Ratings, newest first, each with its step ratings (一事一评); one matches when its overall rating or a step rating does "
                + "(?service=id, ?department=code, ?level=1–5, ?bad=true for 不满意 and worse, ?open=true for those not followed up, limit 1–500, offset)");
        app.MapPost("/api/admin/ratings/{id:guid}/follow-up", FollowUpAsync).WithTags("Statistics").RequireAuthorization(Policies.Admin)
            .Reads<FollowUpRatingRequest>(BodyRule.Json).Produces<RatingDto>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Record the follow-up (整改) of a bad rating of application id: { note, step? } (what was done, up to 1000 characters; step: of that step's rating, 一事一评); once");
        return app;
    }

    private static async Task<IResult> RateAsync(
        Guid id, HttpRequest request, ClaimsPrincipal user, RatingService ratings, ApplicationViews views, IOptions<RequestLimits> limits, CancellationToken cancellationToken)
    {
        var (body, problem) = await RequestBodies.ReadJsonAsync<RateApplicationRequest>(
            request, limits.Value.JsonBodyBytes, new ProblemText(
                "请求体应为 { \"level\": 1–5, \"comment\": \"评价（可不填）\", \"reason\": \"不满意的原因\", \"steps\": [{ \"step\": \"环节\", \"level\": 1–5 }]（可不填） }",
                "The request body should be { \"level\": 1–5, \"comment\": \"optional\", \"reason\": \"why, for 1 or 2\", \"steps\": [{ \"step\": \"id\", \"level\": 1–5 }] (optional) }"), cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (actor, refused) = await views.ActorOrProblemAsync(id, user, new ProblemText("只有申请人本人可以评价", "Only the applicant may rate the application"), cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var english = RequestLanguage.PrefersEnglish(request);
        RatingOutcome outcome;
        using (FormMessages.InEnglish(english))
        {
            outcome = await ratings.RateAsync(id, new RatingInput(body!.Level, body.Comment, body.Reason,
                body.Steps?.Select(s => new StepRatingInput(s?.Step, s?.Level, s?.Comment, s?.Reason)).ToArray()), actor!, cancellationToken);
        }

        return outcome.Rating is { } rating
            ? Results.Created($"/api/applications/{id}/rating", RatingDto.Of(rating, english))
            : Refused(outcome, english);
    }

    private static async Task<IResult> GetAsync(Guid id, HttpRequest request, ClaimsPrincipal user, IRatingStore store, ApplicationViews views, CancellationToken cancellationToken) =>
        await views.VisibleAsync(id, user, cancellationToken) is not null && await store.GetAsync(id, cancellationToken) is { } rating
            ? Results.Ok(RatingDto.Of(rating, RequestLanguage.PrefersEnglish(request)))
            : Problems.NotFound(new ProblemText("这个申请没有评价", "This application has no rating"));

    private static async Task<IResult> ListAsync(
        string? service, string? department, string? level, string? bad, string? open, string? limit, string? offset, HttpRequest request, IRatingStore store,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, ProblemText[]>();
        var filter = ReadFilter(service, department, level, bad, open, errors);
        var page = Paging.Read(limit, offset, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var found = await store.ListAsync(filter with { Offset = page.Offset, Limit = page.Limit }, cancellationToken);
        var english = RequestLanguage.PrefersEnglish(request);
        return Results.Ok(new RatingListDto([.. found.Items.Select(r => RatingDto.Of(r, english))], found.Total));
    }

    private static async Task<IResult> FollowUpAsync(
        Guid id, HttpRequest request, ClaimsPrincipal user, RatingService ratings, IOptions<RequestLimits> limits, CancellationToken cancellationToken)
    {
        var (body, problem) = await RequestBodies.ReadJsonAsync<FollowUpRatingRequest>(
            request, limits.Value.JsonBodyBytes, new ProblemText(
                "请求体应为 { \"note\": \"整改情况\", \"step\": \"环节（整改单个环节的评价时）\" }",
                "The request body should be { \"note\": \"what was done\", \"step\": \"a step's id, for that step's rating\" }"), cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var english = RequestLanguage.PrefersEnglish(request);
        RatingOutcome outcome;
        using (FormMessages.InEnglish(english))
        {
            outcome = await ratings.FollowUpAsync(id, new FollowUpInput(body!.Note, body.Step), user.Id(), cancellationToken);
        }

        return outcome.Rating is { } rating ? Results.Ok(RatingDto.Of(rating, english)) : Refused(outcome, english);
    }

    /// <summary>
    /// The list's filters, read strictly (a service id or department code as they are spelled, a level 1–5, true or
    /// false), each error under its field's name; the page and the API read them alike.
    /// </summary>
    public static RatingFilter ReadFilter(string? service, string? department, string? level, string? bad, string? open, Dictionary<string, ProblemText[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        string? Code(string field, string? text)
        {
            var value = string.IsNullOrWhiteSpace(text) ? null : text.Trim(' ');
            if (value is not null && (value.Length > 100 || !CodePattern().IsMatch(value)))
            {
                errors[field] = [new($"{field} 须为编号：字母、数字、- 或 _，至多 100 个字符", $"{field} must be a code: letters, digits, - or _, at most 100 characters")];
                return null;
            }

            return value;
        }

        bool Flag(string field, string? text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return false;
            }

            if (bool.TryParse(text, out var value))
            {
                return value;
            }

            errors[field] = [new($"{field} 只能是 true 或 false", $"{field} must be true or false")];
            return false;
        }

        int? stars = null;
        if (!string.IsNullOrWhiteSpace(level))
        {
            if (int.TryParse(level, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= RatingLevels.Lowest and <= RatingLevels.Highest)
            {
                stars = value;
            }
            else
            {
                errors["level"] = [new("level 须为 1 到 5 的整数", "level must be a whole number from 1 to 5")];
            }
        }

        return new RatingFilter(Code("service", service), Code("department", department), stars, Flag("bad", bad), Flag("open", open), 0, Paging.MaxLimit);
    }

    /// <summary>A refused rating or follow-up as a problem: 404, 409, or the fields' errors.</summary>
    private static IResult Refused(RatingOutcome outcome, bool english)
    {
        var message = outcome.Errors.GetValueOrDefault("")?.FirstOrDefault() ?? "";
        var title = english ? Problems.ConflictTitle.En : Problems.ConflictTitle.Zh;
        return outcome.Problem switch
        {
            RatingProblem.NotFound => Results.Problem(message, statusCode: StatusCodes.Status404NotFound, title: english ? Problems.NotFoundTitle.En : Problems.NotFoundTitle.Zh),
            // A step rated before (一事一评) is a conflict with the state, named under its field as a wrong field is.
            RatingProblem.Conflict when outcome.Errors.Keys.Any(k => k.Length > 0) => Results.ValidationProblem(
                outcome.Errors.ToDictionary(e => e.Key, e => e.Value), outcome.Errors.Values.First()[0], statusCode: StatusCodes.Status409Conflict, title: title),
            RatingProblem.Conflict => Results.Problem(message, statusCode: StatusCodes.Status409Conflict, title: title),
            _ => Problems.Validation(outcome.Errors, english ? Problems.Invalid.En : Problems.Invalid.Zh),
        };
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex CodePattern();
}
