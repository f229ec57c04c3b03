using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using WorkflowEngine.Hosting.Configuration;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Users;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Hosting.Api;

/// <summary>Sign-in for scripts (a bearer token for a user name and password) and the sign-in audit for administrators.</summary>
public static class SignInEndpoints
{
    public static IEndpointRouteBuilder MapSignIn(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/token", IssueAsync).AllowAnonymous().WithTags("Sign-in").Reads<TokenRequest>(BodyRule.Json)
            .Produces<TokenResponse>().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("A bearer token for { \"userName\": \"…\", \"password\": \"…\" }; send it as Authorization: Bearer <accessToken>");
        app.MapGet("/api/admin/sign-ins", ListAsync).Produces<SignInEventDto[]>().RequireAuthorization(Policies.Admin).WithTags("Sign-in")
            .WithSummary("Sign-in events, newest first (user: one user's id; kind: problems, or kinds separated by commas — succeeded, failed, locked-out, refused-locked, refused-disabled, signed-out, token-issued, password-changed; limit 1–500, default 100; offset)");
        return app;
    }

    private static async Task<IResult> IssueAsync(
        HttpContext context, PasswordSignIn signIn, UserTokens tokens, TimeProvider clock, IOptions<RequestLimits> limits, CancellationToken cancellationToken)
    {
        var (asked, problem) = await RequestBodies.ReadJsonAsync<TokenRequest>(
            context.Request, limits.Value.JsonBodyBytes, new ProblemText("请求体应为 { \"userName\": \"…\", \"password\": \"…\" }", "The request body should be { \"userName\": \"…\", \"password\": \"…\" }"), cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (SignInInput.Validate(asked?.UserName, asked?.Password) is { Count: > 0 } errors)
        {
            return Problems.Validation(errors);
        }

        var outcome = await signIn.SignInAsync(
            asked!.UserName!.Trim(), asked.Password!, context.Connection.RemoteIpAddress?.ToString(), SignInChannels.Token, cancellationToken);
        switch (outcome.Status)
        {
            case SignInStatus.Succeeded:
                var (token, expiresAt) = tokens.Issue(outcome.User!, outcome.SecurityStamp!);
                return Results.Ok(new TokenResponse(token, "Bearer", (long)(expiresAt - clock.GetUtcNow()).TotalSeconds, expiresAt));
            case SignInStatus.LockedOut:
                var now = clock.GetUtcNow();
                context.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(((outcome.LockedUntil ?? now) - now).TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return Results.Problem(SignInMessages.Locked(outcome.LockedUntil, now), statusCode: StatusCodes.Status429TooManyRequests, title: SignInMessages.LockedTitle);
            case SignInStatus.Disabled:
                return Results.Problem(SignInMessages.Disabled, statusCode: StatusCodes.Status403Forbidden, title: SignInMessages.DisabledTitle);
            default:
                return Results.Problem(SignInMessages.Invalid, statusCode: StatusCodes.Status401Unauthorized, title: "登录失败");
        }
    }

    private static async Task<IResult> ListAsync(string? user, string? kind, string? limit, string? offset, ISignInLog log, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, ProblemText[]>();
        if (!TryKinds(kind, out var kinds))
        {
            errors["kind"] =
            [
                new($"kind 应为 problems，或以逗号分隔的 {string.Join("、", SignInEventKinds.All)}", $"kind must be problems, or some of {string.Join(", ", SignInEventKinds.All)} separated by commas"),
            ];
        }

        var page = Paging.Read(limit, offset, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var events = await log.ListAsync(string.IsNullOrEmpty(user) ? null : user, kinds, page.Limit, page.Offset, cancellationToken);
        return Results.Ok(events.Select(SignInEventDto.From).ToArray());
    }

    /// <summary>
    /// The kinds a filter names: none for all, <c>problems</c> for <see cref="SignInEventKinds.Problems"/>, or known
    /// kinds separated by commas; false for anything else.
    /// </summary>
    public static bool TryKinds(string? filter, out IReadOnlyCollection<string>? kinds)
    {
        kinds = null;
        if (string.IsNullOrEmpty(filter))
        {
            return true;
        }

        if (filter == "problems")
        {
            kinds = SignInEventKinds.Problems.ToArray();
            return true;
        }

        var named = filter.Split(',', StringSplitOptions.TrimEntries);
        if (named.Length > SignInEventKinds.All.Count || !named.All(SignInEventKinds.All.Contains))
        {
            return false;
        }

        kinds = named.Distinct(StringComparer.Ordinal).ToArray();
        return true;
    }
}
