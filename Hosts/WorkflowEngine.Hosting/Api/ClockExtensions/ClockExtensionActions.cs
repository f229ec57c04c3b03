using System.Security.Claims;
using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Api.ClockExtensions;

/// <summary>
/// Who may ask for and decide on an extension of the bundle's or a stage's clock, in front of
/// <see cref="ClockExtensionService"/>: a supervisor with a department, never an administrator or a clerk. The API and
/// the supervisor's page both go through here, so they answer alike.
/// </summary>
public sealed class ClockExtensionActions(ClockExtensionService extensions, ApplicationViews views)
{
    public static readonly ProblemText NotASupervisor = new(
        "只有部门负责人（supervisor）可以申请或审批延长整件事或阶段的办理时限",
        "Only a department's supervisor may ask for or decide on an extension of a service's or stage's limit");

    /// <summary>Why someone may not see the requests waiting for <paramref name="department"/>'s decision.</summary>
    public static ProblemText NotASupervisorOf(string department) =>
        new($"只有 {department} 的负责人可以查看待审批的延长申请", $"Only a supervisor of {department} may see the requests waiting for its decision");

    /// <summary>The request's fields in error, if any (the amount and the reason).</summary>
    public static Dictionary<string, ProblemText[]> Check(RequestClockExtensionRequest? asked) =>
        ExtensionAmountRules.Check(asked?.WorkingDays, asked?.WorkingHours, asked?.Reason);

    /// <summary>What is wrong with a decision's reason, if anything: required to refuse, and at most 500 characters.</summary>
    public static ProblemText? CheckDecision(bool approve, string? reason) =>
        !approve && string.IsNullOrWhiteSpace(reason) ? new ProblemText("驳回须说明理由，理由会告知申请的部门", "Say why the request is refused; the asking department is told")
        : reason is { Length: > 500 } ? new ProblemText("理由不能超过 500 字", "The reason may be at most 500 characters")
        : null;

    public async Task<ClockExtensionOutcome> RequestAsync(Guid applicationId, RequestClockExtensionRequest asked, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (Supervisor(user) is not { } department)
        {
            return Refused(ClockExtensionRefusalKind.Forbidden, NotASupervisor);
        }

        if (await views.VisibleAsync(applicationId, user, cancellationToken) is null)
        {
            return Refused(ClockExtensionRefusalKind.NotFound, new("没有这个申请", "There is no such application"));
        }

        var added = new WorkingTimeLimit { WorkingDays = asked.WorkingDays, WorkingHours = asked.WorkingHours };
        var stage = string.IsNullOrWhiteSpace(asked.Stage) ? null : asked.Stage.Trim();
        return await extensions.RequestAsync(applicationId, stage, added, asked.Reason!, user.Id(), department, cancellationToken);
    }

    public async Task<ClockExtensionOutcome> DecideAsync(
        Guid applicationId, Guid extensionId, bool approve, string? reason, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        Supervisor(user) is { } department
            ? await extensions.DecideAsync(applicationId, extensionId, approve, reason, user.Id(), department, cancellationToken)
            : Refused(ClockExtensionRefusalKind.Forbidden, NotASupervisor);

    /// <summary>An application's requests: for whoever may see the application, and for the supervisors who decide them.</summary>
    public async Task<IReadOnlyList<ClockExtensionView>?> OfApplicationAsync(Guid applicationId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var all = await extensions.OfApplicationAsync(applicationId, cancellationToken);
        if (all is null)
        {
            return null;
        }

        var visible = await views.VisibleAsync(applicationId, user, cancellationToken) is not null
            || (Supervisor(user) is { } department && all.Any(e => e.Extension.Approver == department));
        return visible ? all : null;
    }

    /// <summary>
    /// A page of the requests a department's supervisors have to decide (the page counts applications, each with all its
    /// requests waiting); null when the user is none of them (nor an administrator).
    /// </summary>
    public async Task<AwaitingClockExtensions?> AwaitingAsync(string department, ClaimsPrincipal user, Paging page, CancellationToken cancellationToken) =>
        user.IsAdmin() || Supervisor(user) == department ? await extensions.AwaitingAsync(department, page.Limit, page.Offset, cancellationToken) : null;

    /// <summary>The department the user supervises; null for a clerk, an administrator or a supervisor of no department.</summary>
    public static string? Supervisor(ClaimsPrincipal user) => user.IsInRole(Roles.Supervisor) && !user.IsAdmin() ? user.Department() : null;

    /// <summary>
    /// The request as the API answers it; <paramref name="english"/> for a caller who reads English (the clock's title in
    /// English); <paramref name="names"/> the names of who asked and who decided (<see cref="NamesAsync"/>).
    /// </summary>
    public static ClockExtensionDto Dto(ClockExtensionView view, bool english, UserNames names)
    {
        var e = view.Extension;
        return new ClockExtensionDto(
            e.Id,
            view.Application.Id,
            view.Application.TrackingNumber,
            view.Application.ServiceId,
            e.StageId is null ? "bundle" : "stage",
            e.StageId,
            english ? view.ClockTitleEn : view.ClockTitle,
            e.Added.WorkingDays,
            e.Added.WorkingHours,
            e.Added.ToString(),
            e.Reason,
            e.RequestedBy,
            e.RequestedDepartment,
            ChinaTime.ToLocal(e.RequestedAt),
            e.Approver,
            e.Status,
            e.DecidedBy,
            ChinaTime.ToLocal(e.DecidedAt),
            e.Decision,
            names.Of(e.RequestedBy),
            names.Of(e.DecidedBy));
    }

    /// <summary>The names of everyone who asked for or decided <paramref name="views"/>, in one directory read.</summary>
    public static Task<UserNames> NamesAsync(IDirectoryStore directory, IEnumerable<ClockExtensionView> views, CancellationToken cancellationToken) =>
        UserNames.ReadAsync(directory, views.SelectMany(v => new[] { v.Extension.RequestedBy, v.Extension.DecidedBy }), cancellationToken);

    private static ClockExtensionOutcome Refused(ClockExtensionRefusalKind kind, ProblemText text) => ClockExtensionOutcome.Refused(new(kind, text.Zh, text.En));
}
