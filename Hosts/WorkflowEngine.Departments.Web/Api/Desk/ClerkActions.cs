using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using WorkflowEngine.Contracts;
using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Forms;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Hosting.Configuration;
using WorkflowEngine.Hosting.Distributed;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Audit;
using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Api.Desk;

/// <summary>
/// The clerk workbench's rules, once: who may see a department's queue and a task, what a decision, a supplement
/// request, an excluded period or an extension must say, and what the task's own state allows. The REST endpoints and
/// the desk pages both call these, so that a page refuses exactly what the API refuses, with the same words.
/// </summary>
public sealed class ClerkActions(
    ITaskQueries queries,
    DepartmentProcessor processor,
    IAccessLog access,
    IDirectoryStore directory,
    IDepartmentDirectory departments,
    DeskCalendar calendar,
    ServedDepartments served,
    TimeProvider time,
    IOptions<RequestLimits> limits,
    EngineMaterials? remote = null)
{
    public const string NoSuchTask = "没有这个办件";

    private static readonly ProblemText TaskNotFound = new(NoSuchTask, "There is no such task");

    private static readonly ProblemText ExtensionNotFound = new("没有这项延期申请", "There is no such request for more time");

    /// <summary>What a step may be extended by in all, and a working day's office hours, when its step does not say.</summary>
    private const decimal DefaultMaxHours = 70, DefaultWorkingDayHours = 7;

    private const int MaxSupplementItems = 20, MaxSupplementReason = 200, MaxSupplementNote = 500;

    private const int MaxSignerName = 50;

    /// <summary>The furthest "due within" a queue may be asked for, in working days.</summary>
    public const int MaxDueWithin = 60;

    /// <summary>The most tasks one page of a queue lists.</summary>
    public const int MaxQueueLimit = Paging.MaxLimit;

    private const int MaxServiceId = 100;

    /// <summary>The longest search a queue takes: a tracking number or a name is far shorter.</summary>
    public const int MaxSearch = 64;

    /// <summary>How many notices, requests for more time or supplement approvals one page lists when it does not say.</summary>
    private const int ListLimit = 50;

    /// <summary>How a list of Chinese names is ordered: by pinyin, as a printed staff list would be.</summary>
    private static readonly StringComparer NameOrder = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("zh-CN"), ignoreCase: false);

    /// <summary>
    /// A page of a department's tasks, most urgent first (finished ones newest first), for a clerk or supervisor of the
    /// department: filtered by status, service and "due within N working days" in the query, with the total it matches.
    /// A limit, offset or due-within out of range is refused with its field named, never quietly clamped.
    /// </summary>
    public async Task<ClerkOutcome<TaskQueuePage>> QueueAsync(
        string code, TaskQueueQuery query, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!departments.Departments.ContainsKey(code))
        {
            return Refuse<TaskQueuePage>(TaskActionStatus.NotFound, $"没有部门“{code}”", $"There is no department “{code}”");
        }

        if (!served.Serves(code))
        {
            // Its tasks are kept by another host (or the department's own system): an empty queue here would mislead.
            return Refuse<TaskQueuePage>(
                TaskActionStatus.NotFound, $"{departments.Departments[code].NameZh}的办件不在本机办理", $"The tasks of {EnglishName(code)} are not handled on this host");
        }

        if (!user.WorksFor(code))
        {
            return Refuse<TaskQueuePage>(
                TaskActionStatus.Forbidden, $"只有{departments.Departments[code].NameZh}的工作人员可以查看本部门办件", $"Only the staff of {EnglishName(code)} may see its tasks");
        }

        var errors = new Dictionary<string, ProblemText[]>();
        var status = query.Status ?? TaskStatuses.Open;
        if (!TaskStatuses.Filters.Contains(status))
        {
            errors["status"] = [new($"status 只能是 {string.Join("、", TaskStatuses.Filters)}", $"status must be one of {string.Join(", ", TaskStatuses.Filters)}")];
        }

        if (query.Service is { Length: > MaxServiceId })
        {
            errors["service"] = [new($"service 最长 {MaxServiceId} 个字符", $"service must be at most {MaxServiceId} characters")];
        }

        if (query.Q is { Length: > MaxSearch })
        {
            errors["q"] = [new($"搜索内容最长 {MaxSearch} 个字符", $"The search must be at most {MaxSearch} characters")];
        }

        if (query.DueWithin is < 0 or > MaxDueWithin)
        {
            errors["dueWithin"] = [new($"到期工作日数应在 0 至 {MaxDueWithin} 之间", $"Due within must be between 0 and {MaxDueWithin} working days")];
        }

        // The page as every paged list reads it, so that the queue refuses an out-of-range limit in the same words.
        var range = Paging.Read(query.Limit, query.Offset, errors, TaskQueueQuery.DefaultLimit);
        if (errors.Count > 0)
        {
            return Invalid<TaskQueuePage>(errors);
        }

        var dueBy = query.DueWithin is { } days ? calendar.Current.AddWorkingDays(time.GetUtcNow(), days) : (DateTimeOffset?)null;
        return Success(await queries.QueueAsync(
            code, new TaskQueueFilter(status, string.IsNullOrEmpty(query.Service) ? null : query.Service, dueBy, Search: SearchOf(query.Q)),
            range.Limit, range.Offset, cancellationToken));
    }

    /// <summary>
    /// A clerk's search as a citizen reads it out on the telephone: their tracking number (as every look-up reads one:
    /// spaces around it and its letters' case do not matter), or their name; nothing typed searches nothing.
    /// </summary>
    private static TaskSearch? SearchOf(string? q) =>
        string.IsNullOrWhiteSpace(q) ? null : new TaskSearch(TrackingNumbers.Normalize(q), q.Trim());

    /// <summary>A task with the whole application on one page; another department's task is "not found". The view is recorded in the access log.</summary>
    public async Task<TaskView?> ViewAsync(Guid id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await queries.DetailAsync(id, cancellationToken) is not { } detail || !user.WorksFor(detail.Task.Department))
        {
            return null;
        }

        var task = detail.Task;
        await access.RecordAsync(task.ApplicationId, user.Id(), AccessTypes.TaskViewed,
            new Dictionary<string, string?> { ["department"] = task.Department, ["step"] = task.StepId }, cancellationToken);
        var application = JsonNode.Parse(task.PayloadJson)!.AsObject();
        if (detail.Form is { } form)
        {
            // The form is kept once per application, not in each task's payload.
            application["form"] = JsonNode.Parse(form);
        }

        if (application[TaskPayloadKeys.FormCorrections] is JsonObject corrections)
        {
            // The answers the applicant corrected for this step's supplement request (StepSupplemented.form) over the form as
            // it came, until the engine's word that the form changed (ApplicationFormCorrected) has come: from then on the
            // form kept holds the newest answer, perhaps corrected again for another department since.
            var shown = application["form"] as JsonObject ?? [];
            foreach (var (key, value) in corrections.Where(c => detail.Corrections.All(a => a.Field != c.Key)))
            {
                shown[key] = value?.DeepClone();
            }

            application["form"] = shown;
        }

        // What the applicant corrected in the application's answers, for any department (ApplicationFormCorrected, or a
        // step's earlierCorrections, kept with them and not in the payload), oldest first.
        application.Remove("earlierCorrections");
        application[TaskPayloadKeys.FormCorrected] = new JsonArray(detail.Corrections.Select(c => (JsonNode?)new JsonObject
        {
            ["field"] = c.Field,
            ["old"] = JsonNode.Parse(c.OldJson),
            ["new"] = JsonNode.Parse(c.NewJson),
            ["correctedAt"] = JsonValue.Create(ChinaTime.ToLocal(c.CorrectedAt)),
            ["formRevision"] = c.FormRevision,
        }).ToArray());

        if (remote is not null)
        {
            // A department host: the files are the engine host's, fetched through this host for the clerk.
            TaskMaterialsEndpoints.LinkToThisHost(application, task.Id);
        }

        var view = new TaskView(task, application, detail.Extensions, detail.History, detail.Corrections, UserNames.None);
        return view with { Names = await NamesAsync(PeopleOf(task).Concat(TaskHistoryEntry.Of(view).SelectMany(e => e.People)), cancellationToken) };
    }

    /// <summary>The names of the people these login ids are (<see cref="UserNames"/>), in one read of the host's user directory.</summary>
    public Task<UserNames> NamesAsync(IEnumerable<string?> ids, CancellationToken cancellationToken) => UserNames.ReadAsync(directory, ids, cancellationToken);

    /// <summary>The names of everyone these tasks name (<see cref="PeopleOf"/>), in one read.</summary>
    public Task<UserNames> NamesAsync(IEnumerable<TaskRecord> tasks, CancellationToken cancellationToken) =>
        NamesAsync(tasks.SelectMany(PeopleOf), cancellationToken);

    /// <summary>
    /// The login ids a task names: its holder, who decided it, who asked for and who answered its further supplement
    /// requests, and the clerk who witnessed its commitment's signature at the window.
    /// </summary>
    public static IEnumerable<string?> PeopleOf(TaskRecord task)
    {
        ArgumentNullException.ThrowIfNull(task);
        yield return task.ClaimedBy;
        yield return task.CompletedBy;
        foreach (var request in task.SupplementApprovals)
        {
            yield return request.RequestedBy;
            yield return request.DecidedBy;
        }

        if (task.CommitmentJson is { } signed && JsonSerializer.Deserialize<CommitmentSignature>(signed, JsonSerializerOptions.Web) is { } signature)
        {
            yield return signature.WitnessedBy;
        }
    }

    public async Task<ClerkOutcome<TaskRecord>> ClaimAsync(Guid id, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await AuthorizeAsync(id, user, cancellationToken) is { } refused
            ? refused
            : await NamedAsync(await processor.ClaimAsync(id, user.Id(), cancellationToken), cancellationToken);

    /// <summary>Gives a claimed task back to the queue: its holder, or a supervisor of the department.</summary>
    public async Task<ClerkOutcome<TaskRecord>> ReleaseAsync(Guid id, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await AuthorizeAsync(id, user, cancellationToken) is { } refused
            ? refused
            : await NamedAsync(await processor.ReleaseAsync(id, user.Id(), user.IsInRole(Roles.Supervisor), cancellationToken), cancellationToken);

    /// <summary>
    /// A supervisor of the task's department gives it to another of its clerks, whoever held it (an administrator does
    /// not: separation of duties). The engine's audit trail records who moved it to whom.
    /// </summary>
    public async Task<ClerkOutcome<TaskRecord>> ReassignAsync(Guid id, ReassignTaskRequest? reassign, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await queries.GetSummaryAsync(id, cancellationToken) is not { } task || !user.WorksFor(task.Department))
        {
            return Refuse<TaskRecord>(TaskActionStatus.NotFound, TaskNotFound);
        }

        if (!user.IsInRole(Roles.Supervisor) || user.Department() != task.Department)
        {
            return Refuse<TaskRecord>(TaskActionStatus.Forbidden, "只有本部门负责人可以改派办件", "Only a supervisor of the department may reassign a task");
        }

        var to = reassign?.To?.Trim();
        if (string.IsNullOrEmpty(to))
        {
            return Invalid<TaskRecord>(Field("to", "须写明改派给本部门的哪一位工作人员（用户名）", "Say which clerk of the department (user name) the task goes to"));
        }

        if (await directory.FindUserAsync(to, cancellationToken) is not { Role: Roles.Clerk or Roles.Supervisor } clerk || clerk.Department != task.Department)
        {
            return Invalid<TaskRecord>(Field(
                "to",
                $"“{to}”不是{departments.Departments[task.Department].NameZh}的工作人员，只能改派给本部门的工作人员",
                $"“{to}” is not on the staff of {EnglishName(task.Department)}: a task can only go to a clerk of the department"));
        }

        // A disabled account cannot sign in to take the task up: it would lie in nobody's hands.
        if (!(await ClerksAsync(task.Department, cancellationToken)).Any(u => u.Id == clerk.Id))
        {
            return Invalid<TaskRecord>(Field(
                "to",
                $"“{to}”的账户已停用，不能把办件改派给他",
                $"The account of “{to}” is disabled: the task cannot go to them"));
        }

        return await NamedAsync(await processor.ReassignAsync(id, user.Id(), clerk.Id, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// The clerks and supervisors of a department who may sign in, by name as a Chinese list orders names (by pinyin),
    /// then by login id: whom a supervisor may give a task to.
    /// </summary>
    public async Task<IReadOnlyList<UserRecord>> ClerksAsync(string department, CancellationToken cancellationToken) =>
        DirectoryStaffNames.StaffOf(await directory.ListUsersAsync(cancellationToken), department)
            .OrderBy(u => u.Name, NameOrder)
            .ThenBy(u => u.Id, StringComparer.Ordinal)
            .ToArray();

    /// <summary>Approves or rejects a task the clerk holds; a rejection must say why (the applicant reads it).</summary>
    public async Task<ClerkOutcome<TaskRecord>> CompleteAsync(Guid id, CompleteTaskRequest? decision, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, ProblemText[]>();
        if (decision?.Outcome is not (StepOutcomes.Approved or StepOutcomes.Rejected))
        {
            errors["outcome"] = [new("outcome 只能是 approved（通过）或 rejected（不予通过）", "outcome must be approved or rejected")];
        }
        else if (decision.Outcome == StepOutcomes.Rejected && string.IsNullOrWhiteSpace(decision.Reason))
        {
            errors["reason"] = [new("不予通过时必须写明理由，理由会告知申请人", "A rejection must give its reason, which the applicant is told")];
        }

        if (decision?.Reason is { Length: > 1000 })
        {
            errors["reason"] = [new("理由最多 1000 字", "The reason is at most 1000 characters")];
        }

        CheckOutputs(decision?.Outputs, limits.Value, errors);
        if (errors.Count > 0)
        {
            return Invalid<TaskRecord>(errors);
        }

        return await AuthorizeAsync(id, user, cancellationToken) is { } refused
            ? refused
            : await NamedAsync(await processor.CompleteAsync(id, user.Id(), decision!.Outcome == StepOutcomes.Approved, decision.Reason, decision.Outputs, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// 按承诺审批: the clerk holding a task approves it on the commitment the applicant signed on paper at the window, where
    /// the step offers one (告知承诺制); the engine then approves the step on commitment and schedules its verification.
    /// </summary>
    public async Task<ClerkOutcome<TaskRecord>> ApproveOnCommitmentAsync(
        Guid id, ApproveOnCommitmentRequest? signed, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, ProblemText[]>();
        var name = signed?.SignerName?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxSignerName)
        {
            errors["signerName"] = [new($"须填写承诺书上签署人的姓名（{MaxSignerName} 字以内）", $"Write the signer's name as on the paper (at most {MaxSignerName} characters)")];
        }

        var idNumber = signed?.SignerIdNumber?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(idNumber))
        {
            errors["signerIdNumber"] = [new("须填写承诺书上签署人的居民身份证号码", "Write the signer's resident ID number as on the paper")];
        }
        else if (IdNumberProblem(idNumber) is { } problem)
        {
            errors["signerIdNumber"] = [new($"居民身份证号码有误：{problem.Zh}", $"Not a valid resident ID number ({problem.En})")];
        }

        if (signed?.PaperSigned != true)
        {
            errors["paperSigned"] = [new("须确认申请人已在窗口当面签署纸质承诺书（paperSigned: true）", "Confirm that the applicant signed the paper commitment before you at the window")];
        }

        if (errors.Count > 0)
        {
            return Invalid<TaskRecord>(errors);
        }

        var (refused, step) = await SupplementTaskAsync(id, user, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        if (step?.Commitment is not { } offer)
        {
            return step?.Verification is null
                ? Refuse<TaskRecord>(TaskActionStatus.Conflict, "本事项不适用告知承诺制，不能按承诺审批", "This step does not take commitments: it cannot be approved on one")
                : Refuse<TaskRecord>(TaskActionStatus.Conflict, "事后核查办件不能按承诺审批，请核查后决定是否通过", "A verification task cannot be approved on commitment: verify, then decide");
        }

        return await NamedAsync(await processor.ApproveOnCommitmentAsync(new ApproveOnCommitmentWork(id, user.Id(), name!, idNumber!, offer.TextSha256), cancellationToken), cancellationToken);
    }

    /// <summary>Records a period the task's limit does not count: the step's clock stands still until it ends.</summary>
    public async Task<ClerkOutcome<TaskRecord>> StartExclusionAsync(Guid id, StartExclusionRequest? exclusion, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, ProblemText[]>();
        if (exclusion?.Kind is not { } kind || !ExclusionKinds.Names.ContainsKey(kind))
        {
            errors["kind"] = [new(
                $"kind 只能是 {string.Join("、", ExclusionKinds.Names.Select(k => $"{k.Key}（{k.Value}）"))}",
                $"kind must be one of {string.Join(", ", ExclusionKinds.Names.Keys)}")];
        }

        if (string.IsNullOrWhiteSpace(exclusion?.Reason) || exclusion.Reason.Length > 500)
        {
            errors["reason"] = [new("须写明不计时的理由（500 字以内），理由会告知申请人", "Give the reason the clock stops (at most 500 characters), which the applicant is told")];
        }

        if (exclusion?.Until is { } until && until <= time.GetUtcNow())
        {
            errors["until"] = [new("结束时间应晚于现在；结束时间未定时不填，结束时再登记", "The end must be later than now; leave it empty when it is not known and record the end when it comes")];
        }

        if (errors.Count > 0)
        {
            return Invalid<TaskRecord>(errors);
        }

        return await AuthorizeAsync(id, user, cancellationToken) is { } refused
            ? refused
            : await NamedAsync(await processor.StartExclusionAsync(
                id, user.Id(), user.IsInRole(Roles.Supervisor), exclusion!.Kind!, exclusion.Reason!.Trim(), exclusion.Until, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Sets or moves the expected end of the task's excluded period under way (an inspection that runs longer, or whose
    /// end became known): the engine runs the clock again at the new end and tells the applicant.
    /// </summary>
    public async Task<ClerkOutcome<TaskRecord>> ChangeExclusionEndAsync(
        Guid id, ChangeExclusionEndRequest? change, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (change?.Until is not { } until)
        {
            return Invalid<TaskRecord>(new Dictionary<string, ProblemText[]>
            {
                ["until"] = [new("须填写新的预计结束时间", "Give the new expected end")],
            });
        }

        if (until <= time.GetUtcNow())
        {
            return Invalid<TaskRecord>(new Dictionary<string, ProblemText[]>
            {
                ["until"] = [new("预计结束时间应晚于现在；期间已经结束的，请登记结束", "The expected end must be later than now; if the period is over, end it instead")],
            });
        }

        var task = await queries.GetSummaryAsync(id, cancellationToken);
        if (Authorize(task, user) is { } refused)
        {
            return refused;
        }

        if (task?.ClockPausedSince is { } since && task.Clock?.PausedFor == "excluded" && until <= since)
        {
            return Invalid<TaskRecord>(new Dictionary<string, ProblemText[]>
            {
                ["until"] = [new($"预计结束时间应晚于不计时期间的开始（{ChinaTime.Format(since)}）", $"The expected end must be later than the period's start ({ChinaTime.Format(since)})")],
            });
        }

        return await NamedAsync(await processor.ChangeExclusionEndAsync(id, user.Id(), user.IsInRole(Roles.Supervisor), until, cancellationToken), cancellationToken);
    }

    public async Task<ClerkOutcome<TaskRecord>> EndExclusionAsync(Guid id, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await AuthorizeAsync(id, user, cancellationToken) is { } refused
            ? refused
            : await NamedAsync(await processor.EndExclusionAsync(id, user.Id(), user.IsInRole(Roles.Supervisor), cancellationToken), cancellationToken);

    /// <summary>Asks the applicant once for supplementary material, every item with what is wrong or missing.</summary>
    public async Task<ClerkOutcome<TaskRecord>> RequestSupplementAsync(Guid id, RequestSupplementRequest? asked, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (refused, step) = await SupplementTaskAsync(id, user, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var errors = new Dictionary<string, ProblemText[]>();
        var items = CheckSupplement(step, asked?.Items, asked?.Note, errors);
        if (errors.Count > 0)
        {
            return Invalid<TaskRecord>(errors);
        }

        var work = new RequestSupplementWork(id, user.Id(), items, NoteOf(asked!.Note), step?.SupplementBy);
        return await NamedAsync(await processor.RequestSupplementAsync(work, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// The clerk holding a task asks a supervisor of the department to allow a further supplement request (再次补正),
    /// or one after the window: every item again, and why they were not in the first request.
    /// </summary>
    public async Task<ClerkOutcome<TaskRecord>> RequestSupplementApprovalAsync(
        Guid id, RequestSupplementApprovalRequest? asked, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (refused, step) = await SupplementTaskAsync(id, user, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var errors = new Dictionary<string, ProblemText[]>();
        var items = CheckSupplement(step, asked?.Items, asked?.Note, errors);
        var reason = asked?.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > MaxSupplementNote)
        {
            errors["reason"] = [new(
                $"须写明原因（{MaxSupplementNote} 字以内）：再次补正写首次补正时未能一并告知这些材料的原因，逾期补正写未能在补正期限内提出的原因，供部门负责人审批",
                $"Say why (at most {MaxSupplementNote} characters): for a further request, why these materials were not in the first; for a late one, why they were not asked within the window; a supervisor decides on it")];
        }

        if (errors.Count > 0)
        {
            return Invalid<TaskRecord>(errors);
        }

        var work = new RequestSupplementApprovalWork(id, user.Id(), items, NoteOf(asked!.Note), reason!, step?.SupplementBy, MaxSupplementRequestsOf(step));
        return await NamedAsync(await processor.RequestSupplementApprovalAsync(work, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// A supervisor of the task's department (not the one who asked, and no administrator) approves a further
    /// supplement request, which then goes to the applicant, or refuses it saying why.
    /// </summary>
    public async Task<ClerkOutcome<TaskRecord>> DecideSupplementApprovalAsync(
        Guid id, Guid approval, bool approve, ExtensionDecisionRequest? decision, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var reason = decision?.Reason?.Trim();
        if ((!approve && string.IsNullOrEmpty(reason)) || reason?.Length > MaxSupplementNote)
        {
            return Invalid<TaskRecord>(approve
                ? Field("reason", $"审批意见最多 {MaxSupplementNote} 字", $"The comment is at most {MaxSupplementNote} characters")
                : Field(
                    "reason",
                    $"须写明不予批准再次补正的理由（{MaxSupplementNote} 字以内），理由会告知申请的工作人员",
                    $"Give the reason for refusing (at most {MaxSupplementNote} characters), which the clerk who asked is told"));
        }

        var (refused, step) = await SupplementTaskAsync(id, user, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        if (!user.IsInRole(Roles.Supervisor))
        {
            return Refuse<TaskRecord>(TaskActionStatus.Forbidden, "只有本部门负责人可以审批再次补正", "Only a supervisor of the department may decide a further supplement request");
        }

        return await NamedAsync(await processor.DecideSupplementApprovalAsync(
            new DecideSupplementApprovalWork(id, approval, user.Id(), approve, string.IsNullOrEmpty(reason) ? null : reason, MaxSupplementRequestsOf(step)), cancellationToken), cancellationToken);
    }

    /// <summary>A department's tasks whose further supplement request waits for a supervisor: its supervisors (and administrators) only.</summary>
    public async Task<ClerkOutcome<IReadOnlyList<TaskRecord>>> SupplementApprovalsAsync(
        string code, string? limit, string? offset, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (SupervisedDepartment(code, user, "补正审批", "supplement requests to approve") is { } refused)
        {
            return Refuse<IReadOnlyList<TaskRecord>>(refused.Status, refused.Problem);
        }

        var errors = new Dictionary<string, ProblemText[]>();
        var page = Paging.Read(limit, offset, errors, ListLimit);
        return errors.Count > 0
            ? Invalid<IReadOnlyList<TaskRecord>>(errors)
            : Success(await queries.SupplementApprovalsWaitingAsync(code, page.Limit, page.Offset, cancellationToken));
    }

    /// <summary>
    /// The step a task of the user's department came with, or why the user may not act on it: another department's task
    /// is not found, and an administrator decides none.
    /// </summary>
    private async Task<(ClerkOutcome<TaskRecord>? Refused, ExecuteStep? Step)> SupplementTaskAsync(Guid id, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await queries.GetAsync(id, cancellationToken) is not { } task || !user.WorksFor(task.Department)
            ? (Refuse<TaskRecord>(TaskActionStatus.NotFound, TaskNotFound), null)
            : !user.DecidesFor(task.Department)
                ? (Refuse<TaskRecord>(TaskActionStatus.Forbidden, NotAnAdministratorsTask), null)
                : (null, JsonSerializer.Deserialize<ExecuteStep>(task.PayloadJson, JsonSerializerOptions.Web));

    /// <summary>How many supplement requests the step may have in all, as the engine sent it; the definitions' default where it did not.</summary>
    private static int MaxSupplementRequestsOf(ExecuteStep? step) => step?.MaxSupplementRequests ?? SupplementRequests.DefaultMax;

    private static string? NoteOf(string? note) => string.IsNullOrWhiteSpace(note) ? null : note.Trim();

    /// <summary>A supplement request's items, each a material of the step listed once with what to put right; the errors by field.</summary>
    private static SupplementItem[] CheckSupplement(ExecuteStep? step, IReadOnlyList<SupplementItemRequest?>? asked, string? note, Dictionary<string, ProblemText[]> errors)
    {
        var materials = step?.Materials.Select(m => m.Key).ToHashSet(StringComparer.Ordinal) ?? [];
        // The fields the desk shows the clerk: every field of the form the step came with.
        var fields = step?.FormLabels?.Select(l => l.Key).ToHashSet(StringComparer.Ordinal) ?? [];
        var items = asked ?? [];
        if (items.Count is 0 or > MaxSupplementItems)
        {
            errors["items"] = [new(
                $"须列明需补正的每项材料或申请表内容（1 至 {MaxSupplementItems} 项），补正须一次性告知",
                $"List every material or form answer to put right (1 to {MaxSupplementItems}): a supplement request says everything at once")];
        }

        for (var i = 0; i < Math.Min(items.Count, MaxSupplementItems); i++)
        {
            if (items[i]?.Field is { } field)
            {
                if (items[i]!.Material is not null)
                {
                    errors[$"items[{i}].field"] = [new("每一项只能是一份材料或一个申请表字段，不能两者都写", "Each item is either a material or a form field, not both")];
                }
                else if (!fields.Contains(field))
                {
                    errors[$"items[{i}].field"] = [fields.Count == 0
                        ? new("本事项收到的申请表没有可补正的字段", "The form this step came with has no field to correct")
                        : new(
                            $"field 须为申请表的字段之一：{string.Join("、", fields.Order(StringComparer.Ordinal))}",
                            $"field must be one of the form's fields: {string.Join(", ", fields.Order(StringComparer.Ordinal))}")];
                }
                else if (items.Take(i).Any(earlier => earlier?.Field == field))
                {
                    errors[$"items[{i}].field"] = [new($"申请表字段 {field} 已列出，每项列一次", $"Form field {field} is listed already: list each once")];
                }
            }
            else if (items[i]?.Material is not { } material || !materials.Contains(material))
            {
                errors[$"items[{i}].material"] = [materials.Count == 0
                    ? new("本事项不使用申请材料，无可补正的材料", "This step uses no materials: there is nothing to supplement")
                    : new(
                        $"material 须为本事项使用的材料之一：{string.Join("、", materials.Order(StringComparer.Ordinal))}",
                        $"material must be one of the step's materials: {string.Join(", ", materials.Order(StringComparer.Ordinal))}")];
            }
            else if (items.Take(i).Any(earlier => earlier?.Material == material))
            {
                errors[$"items[{i}].material"] = [new($"材料 {material} 已列出，每项材料列一次", $"Material {material} is listed already: list each once")];
            }

            if (string.IsNullOrWhiteSpace(items[i]?.Reason) || items[i]!.Reason!.Length > MaxSupplementReason)
            {
                errors[$"items[{i}].reason"] = [new(
                    $"须写明补正的具体要求（{MaxSupplementReason} 字以内），会告知申请人",
                    $"Say what to put right (at most {MaxSupplementReason} characters), which the applicant is told")];
            }
        }

        if (note is { Length: > MaxSupplementNote })
        {
            errors["note"] = [new($"说明最多 {MaxSupplementNote} 字", $"The note is at most {MaxSupplementNote} characters")];
        }

        return errors.Count > 0
            ? []
            : items.Select(i => i!.Field is { } field
                ? new SupplementItem { Field = field, Reason = i.Reason!.Trim() }
                : new SupplementItem { Material = i.Material!, Reason = i.Reason!.Trim() }).ToArray();
    }

    /// <summary>The clerk holding a task asks for more time; a supervisor of the department decides.</summary>
    public async Task<ClerkOutcome<ExtensionRequest>> RequestExtensionAsync(Guid id, RequestExtensionRequest? asked, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = ExtensionAmountRules.Check(asked?.WorkingDays, asked?.WorkingHours, asked?.Reason);
        if (errors.Count > 0)
        {
            return Invalid<ExtensionRequest>(errors);
        }

        if (await queries.GetAsync(id, cancellationToken) is not { } task || !user.WorksFor(task.Department))
        {
            return Refuse<ExtensionRequest>(TaskActionStatus.NotFound, TaskNotFound);
        }

        if (!user.DecidesFor(task.Department))
        {
            return Refuse<ExtensionRequest>(TaskActionStatus.Forbidden, NotAnAdministratorsTask);
        }

        var (maxHours, workingDayHours) = CapOf(task.PayloadJson);
        return Of(await processor.RequestExtensionAsync(
            new RequestExtensionWork(id, user.Id(), asked!.WorkingDays, asked.WorkingHours, asked.Reason!.Trim(), maxHours, workingDayHours), cancellationToken));
    }

    /// <summary>A department's requests for more time, oldest first: its supervisors (and administrators) only.</summary>
    public async Task<ClerkOutcome<IReadOnlyList<ExtensionRequest>>> ExtensionsAsync(
        string code, string? status, string? limit, string? offset, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (SupervisedDepartment(code, user, "延期申请", "requests for more time") is { } refused)
        {
            return Refuse<IReadOnlyList<ExtensionRequest>>(refused.Status, refused.Problem);
        }

        var errors = new Dictionary<string, ProblemText[]>();
        var filter = status ?? ExtensionStatuses.Pending;
        if (!ExtensionStatuses.Filters.Contains(filter))
        {
            errors["status"] = [new($"status 只能是 {string.Join("、", ExtensionStatuses.Filters)}", $"status must be one of {string.Join(", ", ExtensionStatuses.Filters)}")];
        }

        var page = Paging.Read(limit, offset, errors, ListLimit);
        return errors.Count > 0
            ? Invalid<IReadOnlyList<ExtensionRequest>>(errors)
            : Success<IReadOnlyList<ExtensionRequest>>(await queries.ListExtensionsAsync(code, filter, page.Limit, page.Offset, cancellationToken));
    }

    /// <summary>A supervisor of the department (not the one who asked) approves or refuses a request for more time; a refusal says why.</summary>
    public async Task<ClerkOutcome<ExtensionRequest>> DecideExtensionAsync(
        Guid id, bool approve, ExtensionDecisionRequest? decision, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var reason = decision?.Reason?.Trim();
        if ((!approve && string.IsNullOrEmpty(reason)) || reason?.Length > 500)
        {
            return Invalid<ExtensionRequest>(approve
                ? Field("reason", "审批意见最多 500 字", "The comment is at most 500 characters")
                : Field("reason", "须写明不予延期的理由（500 字以内），理由会告知申请延期的工作人员", "Give the reason for refusing (at most 500 characters), which the clerk who asked is told"));
        }

        if (await queries.GetExtensionAsync(id, cancellationToken) is not { } extension || !user.WorksFor(extension.Department))
        {
            return Refuse<ExtensionRequest>(TaskActionStatus.NotFound, ExtensionNotFound);
        }

        if (!user.IsInRole(Roles.Supervisor) || user.Department() != extension.Department)
        {
            return Refuse<ExtensionRequest>(TaskActionStatus.Forbidden, "只有本部门负责人可以审批延期申请", "Only a supervisor of the department may decide a request for more time");
        }

        return Of(await processor.DecideExtensionAsync(
            new DecideExtensionWork(id, extension.TaskId, user.Id(), approve, string.IsNullOrEmpty(reason) ? null : reason), cancellationToken));
    }

    /// <summary>The notices for a department's supervisors, newest first: each task that passed its due time while open (红牌).</summary>
    public async Task<ClerkOutcome<IReadOnlyList<DepartmentNotice>>> NoticesAsync(
        string code, string? limit, string? offset, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (SupervisedDepartment(code, user, "督办提醒", "supervision notices") is { } refused)
        {
            return Refuse<IReadOnlyList<DepartmentNotice>>(refused.Status, refused.Problem);
        }

        var errors = new Dictionary<string, ProblemText[]>();
        var page = Paging.Read(limit, offset, errors, ListLimit);
        return errors.Count > 0
            ? Invalid<IReadOnlyList<DepartmentNotice>>(errors)
            : Success<IReadOnlyList<DepartmentNotice>>(await queries.NoticesAsync(code, page.Limit, page.Offset, cancellationToken));
    }

    /// <summary>
    /// A page of the department's open tasks whose clock stands still now (补正 waiting for the applicant, an excluded
    /// period, an overdue material), most urgent first, for its supervisors.
    /// </summary>
    public async Task<ClerkOutcome<IReadOnlyList<TaskRecord>>> PausedAsync(
        string code, string? limit, string? offset, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (SupervisedDepartment(code, user, "暂停计时的办件", "steps whose clock is paused") is { } refused)
        {
            return Refuse<IReadOnlyList<TaskRecord>>(refused.Status, refused.Problem);
        }

        var errors = new Dictionary<string, ProblemText[]>();
        var page = Paging.Read(limit, offset, errors, ListLimit);
        return errors.Count > 0
            ? Invalid<IReadOnlyList<TaskRecord>>(errors)
            : Success((await queries.QueueAsync(code, new TaskQueueFilter(TaskStatuses.Open, PausedOnly: true), page.Limit, page.Offset, cancellationToken)).Tasks);
    }

    /// <summary>Null when the user supervises the department here (or administers), else why not.</summary>
    private (TaskActionStatus Status, ProblemText Problem)? SupervisedDepartment(string code, ClaimsPrincipal user, string what, string whatEn)
    {
        if (!departments.Departments.TryGetValue(code, out var department) || !served.Serves(code))
        {
            return (TaskActionStatus.NotFound, new($"没有部门“{code}”的办件在本机办理", $"No tasks of a department “{code}” are handled on this host"));
        }

        return !user.IsAdmin() && !(user.IsInRole(Roles.Supervisor) && user.Department() == code)
            ? (TaskActionStatus.Forbidden, new($"只有{department.NameZh}的负责人可以查看本部门的{what}", $"Only a supervisor of {EnglishName(code)} may see its {whatEn}"))
            : null;
    }

    private async Task<ClerkOutcome<TaskRecord>?> AuthorizeAsync(Guid id, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        Authorize(await queries.GetSummaryAsync(id, cancellationToken), user);

    /// <summary>Whether the user may act on the task read (none: not found): null when they may, else the refusal.</summary>
    private static ClerkOutcome<TaskRecord>? Authorize(TaskRecord? task, ClaimsPrincipal user) =>
        task is null || !user.WorksFor(task.Department)
            ? Refuse<TaskRecord>(TaskActionStatus.NotFound, TaskNotFound)
            : user.DecidesFor(task.Department) ? null : Refuse<TaskRecord>(TaskActionStatus.Forbidden, NotAnAdministratorsTask);

    /// <summary>Why an administrator is refused a clerk's action.</summary>
    public static readonly ProblemText NotAnAdministratorsTask = new(
        "管理员不办理部门办件（职责分离）：认领、决定、补正、中止计时和延期由本部门工作人员办理，改派由部门负责人办理",
        "An administrator does not decide department tasks (separation of duties): the department's clerks claim, decide, ask for supplements, stop the clock and ask for more time; its supervisors reassign");

    private static ClerkOutcome<T> Success<T>(T value) => new(TaskActionStatus.Ok, value, null);

    private static ClerkOutcome<T> Refuse<T>(TaskActionStatus status, string zh, string en) => new(status, default, new(zh, en));

    private static ClerkOutcome<T> Refuse<T>(TaskActionStatus status, ProblemText problem) => new(status, default, problem);

    private static ClerkOutcome<T> Invalid<T>(IReadOnlyDictionary<string, ProblemText[]> errors) => new(TaskActionStatus.Unprocessable, default, null, errors);

    /// <summary>A department's name for an English message: its English name where it has one.</summary>
    private string EnglishName(string code) => departments.Departments[code].EnglishName;

    /// <summary>What is wrong with a resident ID number, in both languages (the check's own words), or null.</summary>
    private ProblemText? IdNumberProblem(string idNumber)
    {
        var today = ChinaTime.DateOf(time.GetUtcNow());
        if (ResidentIdNumber.TryValidate(idNumber, today, out var zh))
        {
            return null;
        }

        using var english = FormMessages.InEnglish(true);
        ResidentIdNumber.TryValidate(idNumber, today, out var en);
        return new(zh!, en!);
    }

    /// <summary>
    /// The processor's answer, where a refusal names the clerk holding the task (“samr-clerk-2”, the processor knows
    /// login ids only) with their name as people know it (“张三”): one read of the directory, for a refusal only.
    /// </summary>
    private async Task<ClerkOutcome<TaskRecord>> NamedAsync(TaskActionResult result, CancellationToken cancellationToken)
    {
        if (result is not { Status: TaskActionStatus.Conflict, Task.ClaimedBy: { } holder, Problem: { } problem })
        {
            return new(result.Status, result.Task, result.Problem);
        }

        var (id, name) = ($"“{holder}”", $"“{(await NamesAsync([holder], cancellationToken)).Of(holder)}”");
        return new(result.Status, result.Task, new ProblemText(problem.Zh.Replace(id, name, StringComparison.Ordinal), problem.En.Replace(id, name, StringComparison.Ordinal)));
    }

    private static ClerkOutcome<ExtensionRequest> Of(ExtensionActionResult result) => new(result.Status, result.Extension, result.Problem);

    private static Dictionary<string, ProblemText[]> Field(string field, string zh, string en) => new() { [field] = [new(zh, en)] };

    /// <summary>
    /// A decision's outputs (licence numbers and the like) go onto certificates and to the applicant: a bounded number
    /// of named values, each a line or a few of plain text. Control characters are already refused in every JSON body.
    /// </summary>
    private static void CheckOutputs(Dictionary<string, string>? outputs, RequestLimits limits, Dictionary<string, ProblemText[]> errors)
    {
        if (outputs is null)
        {
            return;
        }

        if (outputs.Count > limits.OutputCount)
        {
            errors["outputs"] = [new($"outputs 最多 {limits.OutputCount} 项", $"outputs has at most {limits.OutputCount} entries")];
            return;
        }

        foreach (var (name, value) in outputs)
        {
            if (name.Trim().Length == 0 || name.Length > limits.OutputNameLength)
            {
                errors["outputs"] = [new($"outputs 的名称须为 1 至 {limits.OutputNameLength} 个字符", $"An output's name has 1 to {limits.OutputNameLength} characters")];
            }
            else if (value is null)
            {
                errors[$"outputs.{name}"] = [new($"outputs.{name} 须为文本，不能为 null", $"outputs.{name} must be text, not null")];
            }
            else if (value.Length > limits.OutputValueLength)
            {
                errors[$"outputs.{name}"] = [new($"outputs.{name} 最多 {limits.OutputValueLength} 个字符", $"outputs.{name} is at most {limits.OutputValueLength} characters")];
            }
        }
    }

    /// <summary>The cap the engine sent with the step (<c>maxExtensionHours</c>, <c>workingDayHours</c>); the statutory default where it did not.</summary>
    private static (decimal MaxHours, decimal WorkingDayHours) CapOf(string payloadJson)
    {
        using var payload = JsonDocument.Parse(payloadJson);
        var root = payload.RootElement;
        return (Number(root, "maxExtensionHours") ?? DefaultMaxHours, Number(root, "workingDayHours") is > 0 and var day ? day : DefaultWorkingDayHours);
    }

    private static decimal? Number(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number)
            ? number
            : null;
}
