using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using WorkflowEngine.Hosting.Configuration;
using WorkflowEngine.Hosting.Distributed;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// Administrators manage users and departments: the same rules and code (<see cref="UserAdministration"/>) as the
/// pages <c>/admin/users</c> and <c>/admin/departments</c>. Answers in Chinese, as the rest of the API. Every host where
/// people sign in maps the users, each for the accounts of its own database (<see cref="UserScope"/>).
/// </summary>
public static class UsersEndpoints
{
    /// <summary>The most audit entries one user's answer carries.</summary>
    public const int AuditLimit = 200;

    /// <summary>How many users the list's filter matches in all, beside the page the body holds.</summary>
    public const string TotalCountHeader = "X-Total-Count";

    /// <summary>This host's users, for its administrators.</summary>
    public static IEndpointRouteBuilder MapUserAdministration(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/admin/users").WithTags("Users").RequireAuthorization(Policies.Admin);
        users.MapGet("/", ListAsync).Produces<UserDto[]>().WithSummary(
            "The users by role then id, a page at a time: ?role=applicant|clerk|supervisor|admin, department (a code), q (part of the user name or name), "
            + "limit (1–500, default 100), offset; the X-Total-Count header says how many match");
        users.MapPost("/", CreateAsync).Reads<CreateUserRequest>(BodyRule.Json).Produces<UserChangedDto>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("A local user: { userName, displayName, role, department (clerk, supervisor), password (optional: made up and answered once) } → 201");
        users.MapGet("/{id}", GetAsync).Produces<UserDetailDto>().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("One user with what administrators changed about them");
        users.MapMethods("/{id}", [HttpMethods.Patch], ChangeAsync).Reads<ChangeUserRequest>(BodyRule.Json).Produces<UserChangedDto>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("The role and department: { role, department }; ends the user's sessions and tokens");
        users.MapPost("/{id}/disable", (string id, ClaimsPrincipal user, UserAdministration admin, TimeProvider clock, CancellationToken ct) =>
                AnswerAsync(admin.SetDisabledAsync(user.Id(), id, true, false, ct), clock))
            .Produces<UserChangedDto>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("The user can no longer sign in; their sessions and tokens end");
        users.MapPost("/{id}/enable", (string id, ClaimsPrincipal user, UserAdministration admin, TimeProvider clock, CancellationToken ct) =>
                AnswerAsync(admin.SetDisabledAsync(user.Id(), id, false, false, ct), clock))
            .Produces<UserChangedDto>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("The user may sign in again");
        users.MapPost("/{id}/unlock", (string id, ClaimsPrincipal user, UserAdministration admin, TimeProvider clock, CancellationToken ct) =>
                AnswerAsync(admin.UnlockAsync(user.Id(), id, false, ct), clock))
            .Produces<UserChangedDto>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Ends a lockout after wrong passwords before its time");
        users.MapPost("/{id}/password", ResetPasswordAsync).Reads<ResetPasswordRequest>(BodyRule.Json).Produces<UserChangedDto>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("A new password: { password } or {} to have one made up and answered once; ends the user's sessions and tokens");
        return app;
    }

    /// <summary>The departments' people and names: where the reference data is kept (the engine's hosts), not on a department host.</summary>
    public static IEndpointRouteBuilder MapDepartmentAdministration(this IEndpointRouteBuilder app)
    {
        var departments = app.MapGroup("/api/admin/departments").WithTags("Users").RequireAuthorization(Policies.Admin);
        departments.MapGet("/", ListDepartmentsAsync).Produces<DepartmentEntryDto[]>().WithSummary("Every department with its clerks, supervisors and (where this host keeps them) open tasks");
        departments.MapMethods("/{code}", [HttpMethods.Patch], EditDepartmentAsync).Reads<EditDepartmentRequest>(BodyRule.Json).Produces<DepartmentEntryDto>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A department's names and description: { nameZh, nameEn, description }; departments are not added at run time");
        return app;
    }

    private static async Task<IResult> ListAsync(
        string? role, string? department, string? q, string? limit, string? offset, HttpContext context, IUserAccounts accounts, IDepartmentDirectory directory,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var english = RequestLanguage.PrefersEnglish(context.Request);
        var errors = new Dictionary<string, string[]>();
        var filter = UserInput.Filter(role, department, q, directory, errors, english);
        var page = Paging.Read(limit, offset, errors, english);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors, english ? Problems.Invalid.En : Problems.Invalid.Zh);
        }

        var found = await accounts.SearchAsync(filter, page.Limit, page.Offset, cancellationToken);
        context.Response.Headers[TotalCountHeader] = found.Total.ToString(CultureInfo.InvariantCulture);
        var now = clock.GetUtcNow();
        return Results.Ok(found.Items.Select(a => UserDto.From(a, now)).ToArray());
    }

    private static async Task<IResult> GetAsync(string id, IUserAccounts accounts, IAdminAudit audit, TimeProvider clock, CancellationToken cancellationToken) =>
        await accounts.FindAsync(id, cancellationToken) is { } account
            ? Results.Ok(new UserDetailDto(
                UserDto.From(account, clock.GetUtcNow()),
                (await audit.ListAsync(AdminAuditEntry.User, id, AuditLimit, cancellationToken)).Select(AdminAuditEntryDto.From).ToArray()))
            : Problems.NotFound($"没有用户“{UserInput.Bounded(id)}”");

    private static async Task<IResult> CreateAsync(
        HttpRequest request, ClaimsPrincipal user, UserAdministration admin, TimeProvider clock, IOptions<RequestLimits> limits, CancellationToken cancellationToken)
    {
        var (body, problem) = await RequestBodies.ReadJsonAsync<CreateUserRequest>(
            request, limits.Value.JsonBodyBytes, new ProblemText("请求体应为 { \"userName\": \"…\", \"displayName\": \"…\", \"role\": \"…\", \"department\": \"…\", \"password\": \"…\" }", "The request body should be { \"userName\": \"…\", \"displayName\": \"…\", \"role\": \"…\", \"department\": \"…\", \"password\": \"…\" }"), cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await admin.CreateAsync(user.Id(), new NewUser(body!.UserName, body.DisplayName, body.Role, body.Department, body.Password), false, cancellationToken);
        return outcome.Status == AdminOutcomeStatus.Done
            ? Results.Created($"/api/admin/users/{Uri.EscapeDataString(outcome.Account!.User.Id)}", new UserChangedDto(UserDto.From(outcome.Account, clock.GetUtcNow()), outcome.Password))
            : Refusal(outcome);
    }

    private static async Task<IResult> ChangeAsync(
        string id, HttpRequest request, ClaimsPrincipal user, UserAdministration admin, TimeProvider clock, IOptions<RequestLimits> limits, CancellationToken cancellationToken)
    {
        var (body, problem) = await RequestBodies.ReadJsonAsync<ChangeUserRequest>(
            request, limits.Value.JsonBodyBytes, new ProblemText("请求体应为 { \"role\": \"…\", \"department\": \"…\" }", "The request body should be { \"role\": \"…\", \"department\": \"…\" }"), cancellationToken);
        return problem ?? await AnswerAsync(admin.ChangeAsync(user.Id(), id, body!.Role, body.Department, false, cancellationToken), clock);
    }

    private static async Task<IResult> ResetPasswordAsync(
        string id, HttpRequest request, ClaimsPrincipal user, UserAdministration admin, TimeProvider clock, IOptions<RequestLimits> limits, CancellationToken cancellationToken)
    {
        string? password = null;
        if (request.ContentLength is not 0)
        {
            var (body, problem) = await RequestBodies.ReadJsonAsync<ResetPasswordRequest>(
                request, limits.Value.JsonBodyBytes, new ProblemText("请求体应为 { \"password\": \"…\" }，或 {} 由系统生成", "The request body should be { \"password\": \"…\" }, or {} for a generated one"), cancellationToken);
            if (problem is not null)
            {
                return problem;
            }

            password = body!.Password;
        }

        return await AnswerAsync(admin.ResetPasswordAsync(user.Id(), id, password, false, cancellationToken), clock);
    }

    private static async Task<IResult> ListDepartmentsAsync(
        IDepartmentEntries departments, ServedDepartments served, [FromServices] IDepartmentTasks? tasks, CancellationToken cancellationToken) =>
        Results.Ok((await DepartmentOverview.ListAsync(departments, served, tasks, cancellationToken)).Select(d => DepartmentEntryDto.From(d.Entry, d.OpenTasks)).ToArray());

    private static async Task<IResult> EditDepartmentAsync(
        string code, HttpRequest request, ClaimsPrincipal user, UserAdministration admin, IDepartmentEntries departments,
        ServedDepartments served, [FromServices] IDepartmentTasks? tasks, IOptions<RequestLimits> limits, CancellationToken cancellationToken)
    {
        var (body, problem) = await RequestBodies.ReadJsonAsync<EditDepartmentRequest>(
            request, limits.Value.JsonBodyBytes, new ProblemText("请求体应为 { \"nameZh\": \"…\", \"nameEn\": \"…\", \"description\": \"…\" }", "The request body should be { \"nameZh\": \"…\", \"nameEn\": \"…\", \"description\": \"…\" }"), cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await admin.EditDepartmentAsync(user.Id(), code, new DepartmentEdit(body!.NameZh, body.NameEn, body.Description), false, cancellationToken);
        if (outcome.Status != AdminOutcomeStatus.Done)
        {
            return Refusal(outcome);
        }

        var edited = (await DepartmentOverview.ListAsync(departments, served, tasks, cancellationToken)).First(d => d.Entry.Department.Code == code);
        return Results.Ok(DepartmentEntryDto.From(edited.Entry, edited.OpenTasks));
    }

    private static async Task<IResult> AnswerAsync(Task<AdminOutcome> change, TimeProvider clock)
    {
        var outcome = await change;
        return outcome is { Status: AdminOutcomeStatus.Done, Account: { } account }
            ? Results.Ok(new UserChangedDto(UserDto.From(account, clock.GetUtcNow()), outcome.Password))
            : Refusal(outcome);
    }

    private static IResult Refusal(AdminOutcome outcome) => outcome.Status switch
    {
        AdminOutcomeStatus.Invalid => Problems.Validation(outcome.Errors!),
        AdminOutcomeStatus.NotFound => Problems.NotFound(outcome.Problem!),
        _ => Problems.Conflict(outcome.Problem!),
    };
}
