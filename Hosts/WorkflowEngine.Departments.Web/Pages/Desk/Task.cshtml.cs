using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowEngine.Contracts;
using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Api.Desk;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Pages.Desk;

/// <summary>
/// One task with the whole combined application, the materials, the step's due time and history, and the clerk's
/// actions as forms. Every action goes through <see cref="ClerkActions"/>, as the REST API's do: a refusal (not the
/// holder, asked already, past the window) shows as a message on the page, a field's error next to the field.
/// </summary>
[Authorize(Policy = Policies.Clerk)]
public sealed class TaskModel(ClerkActions clerk, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    /// <summary>What the last action did, after the redirect back here (claim, release, approve, …).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public TaskView? View { get; private set; }

    /// <summary>For a supervisor of the task's department: the clerks a task may be given to.</summary>
    public IReadOnlyList<UserRecord> Clerks { get; private set; } = [];

    /// <summary>
    /// Whom a supervisor may give the task to: the department's clerks and supervisors but its holder, by name; each
    /// with whether another of the department's staff has the same name, so that the login id tells them apart.
    /// </summary>
    public IReadOnlyList<(UserRecord Person, bool SharedName)> ReassignChoices =>
        [.. Clerks.Where(c => c.Id != Record.ClaimedBy).Select(c => (c, DirectoryStaffNames.SharesName(Clerks, c.Id, c.Name)))];

    /// <summary>The names of the people the task names (<see cref="TaskView.Names"/>).</summary>
    public UserNames Names => View?.Names ?? UserNames.None;

    /// <summary>Why the task's rules refused the action just tried.</summary>
    public string? Refusal { get; private set; }

    /// <summary>The form (its handler name) whose fields have errors, so that it is shown open.</summary>
    public string? FailedForm { get; private set; }

    public TaskRecord Record => View!.Task;

    public bool HeldByMe => Record.Status == TaskStatuses.Claimed && Record.ClaimedBy == User.Id();

    public bool Open => Record.Status is TaskStatuses.Open or TaskStatuses.Claimed;

    /// <summary>The clock stands still for an excluded period (as the engine last said), whose end the clerk may set or move.</summary>
    public bool Excluded => Open && Record.ClockPausedSince is not null && Record.Clock?.PausedFor == "excluded";

    public bool Supervisor => User.IsInRole(Roles.Supervisor);

    /// <summary>A clerk or supervisor of the task's department; an administrator only looks (separation of duties).</summary>
    public bool Decides => User.DecidesFor(Record.Department);

    /// <summary>
    /// The combined form's fields as the applicant filled them, each by its label from the definition (carried in the
    /// step, <c>formLabels</c>) in the definition's order; a field the step carries no label for goes last, by its key.
    /// </summary>
    public IEnumerable<(string Name, string Value)> FormFields
    {
        get
        {
            if (View?.Application["form"] is not JsonObject form)
            {
                return [];
            }

            var labels = Labels;
            var labelled = labels.Where(l => form.ContainsKey(l.Key))
                .Select(l => (l.Name + (Corrected(l.Key) ? DeskText.Say("（申请人已补正）", " (corrected by the applicant)") : ""), Chosen(form[l.Key], l.Options) ?? Text(form[l.Key])));
            var unlabelled = form.Where(f => labels.All(l => l.Key != f.Key)).Select(f => (f.Key, Text(f.Value)));
            return labelled.Concat(unlabelled);
        }
    }

    /// <summary>
    /// The form's fields a supplement request may ask the applicant to correct: every field the step carries a label for
    /// (all the desk shows), with its answer now (or "—").
    /// </summary>
    public IEnumerable<(string Key, string Name, string Value)> CorrectableFields
    {
        get
        {
            var form = View?.Application["form"] as JsonObject;
            return Labels.Select(l => (l.Key, l.Name, form?[l.Key] is { } value ? Chosen(value, l.Options) ?? Text(value) : "—"));
        }
    }

    /// <summary>
    /// What the applicant corrected in the application's answers, as notes in the page's language ("申请人已更正“住所”：
    /// old → new（time）"), oldest first. A correction answering this step's own request is marked in the form instead
    /// (“（申请人已补正）”) and gets no note; one for another department's request, or a later one, does.
    /// </summary>
    public IEnumerable<string> CorrectionNotes
    {
        get
        {
            var own = View?.Application[TaskPayloadKeys.FormCorrections] as JsonObject;
            var labels = Labels;
            return (View?.Application[TaskPayloadKeys.FormCorrected] as JsonArray ?? []).OfType<JsonObject>()
                .Where(c => c["field"]?.GetValue<string>() is { } key
                    && !(own?[key] is { } answered && JsonNode.DeepEquals(answered, c["new"])))
                .Select(c =>
                {
                    var key = c["field"]!.GetValue<string>();
                    var (name, options) = labels.Where(l => l.Key == key).Select(l => (l.Name, l.Options)).DefaultIfEmpty((key, (JsonArray?)null)).First();
                    string Shown(JsonNode? value) => Chosen(value, options) ?? Text(value);
                    var (old, now) = (Shown(c["old"]), Shown(c["new"]));
                    var at = DeskText.Time(c["correctedAt"]?.GetValue<DateTimeOffset>());
                    return DeskText.Say($"申请人已更正“{name}”：{old} → {now}（{at}）", $"The applicant corrected “{name}”: {old} → {now} ({at})");
                });
        }
    }

    /// <summary>Whether the applicant corrected the field for a supplement request of this step.</summary>
    private bool Corrected(string key) => View?.Application[TaskPayloadKeys.FormCorrections] is JsonObject corrections && corrections.ContainsKey(key);

    /// <summary>The form's labels as the step carries them (<c>formLabels</c>), in the definition's order, each in the page's language.</summary>
    private (string Key, string Name, JsonArray? Options)[] Labels => DeskFormLabels.Of(View?.Application);

    /// <summary>The materials of the step: name, status, file and, where the department may fetch it, the download link.</summary>
    public IReadOnlyList<JsonObject> Materials =>
        View?.Application["materials"] is JsonArray materials ? materials.OfType<JsonObject>().ToArray() : [];

    public string? Limit => View?.Application["limit"]?.GetValue<string>();

    /// <summary>The step's statutory limit (法定时限) beside the promised <see cref="Limit"/>; null where the definition gives none.</summary>
    public string? StatutoryLimit => View?.Application["statutoryLimit"]?.GetValue<string>();

    /// <summary>The step's limit in the page's language: in English where the engine sent it so (<c>limitEn</c>).</summary>
    public string? LimitShown => Limit is { } limit ? DeskText.Say(limit, View?.Application["limitEn"]?.GetValue<string>() ?? limit) : null;

    /// <summary>The step's statutory limit in the page's language: in English where the engine sent it so (<c>statutoryLimitEn</c>).</summary>
    public string? StatutoryLimitShown => StatutoryLimit is { } limit ? DeskText.Say(limit, View?.Application["statutoryLimitEn"]?.GetValue<string>() ?? limit) : null;

    /// <summary>When the step is due against its statutory limit, as the engine last announced it; null without one.</summary>
    public DateTimeOffset? StatutoryDueAt => ExtensionDueTimes.StatutoryOf(View?.Application).DueAt;

    /// <summary>Why <see cref="StatutoryDueAt"/> is provisional (暂定); null when it is final.</summary>
    public ProvisionalDueTime? StatutoryDueProvisional => ExtensionDueTimes.StatutoryOf(View?.Application).Provisional;

    /// <summary>On a verification task (事后核查): the commitment the step was approved on, which the clerk checks was kept.</summary>
    public CommitmentVerification? Verification =>
        View?.Application["verification"] is JsonObject verification ? verification.Deserialize<CommitmentVerification>(JsonSerializerOptions.Web) : null;

    /// <summary>Where the step may be approved on commitment (告知承诺制): the text an applicant signs on paper at the window.</summary>
    public CommitmentOffer? Offer =>
        View?.Application["commitment"] is JsonObject offer ? offer.Deserialize<CommitmentOffer>(JsonSerializerOptions.Web) : null;

    /// <summary>The paper commitment the task was approved on, if it was.</summary>
    public CommitmentSignature? Signature =>
        Record.CommitmentJson is { } json ? JsonSerializer.Deserialize<CommitmentSignature>(json, JsonSerializerOptions.Web) : null;

    public DateTimeOffset? SupplementBy => View?.Application["supplementBy"] is { } by ? DateTimeOffset.Parse(by.GetValue<string>(), CultureInfo.InvariantCulture) : null;

    /// <summary>How many supplement requests the step may have in all, as the engine sent it (2 unless the definition says otherwise).</summary>
    public int MaxSupplementRequests => View?.Application["maxSupplementRequests"] is JsonValue max && max.TryGetValue<int>(out var n)
        ? n
        : WorkflowEngine.Core.Model.SupplementRequests.DefaultMax;

    /// <summary>The window for a supplement request without approval has closed.</summary>
    public bool WindowPassed => SupplementBy is { } by && time.GetUtcNow() > by;

    /// <summary>The first request, within the window: the clerk sends it without approval.</summary>
    public bool MayRequestSupplement => Record.SupplementsSent == 0 && !WindowPassed && Record.SupplementApprovalAskedAt is null;

    /// <summary>
    /// A further request (the last one answered), or a first one after the window, with fewer than the step allows and
    /// none waiting: the clerk may ask a supervisor to approve it.
    /// </summary>
    public bool MayAskSupplementApproval =>
        Record.SupplementApprovalAskedAt is null
        && Record.ClockPausedSince is null
        && Record.SupplementsSent < MaxSupplementRequests
        && (Record.SupplementsSent > 0 ? Record.SupplementSuppliedAt is not null : WindowPassed);

    /// <summary>
    /// Whether <paramref name="request"/> asked for the step's first supplement request, after the window (逾期补正) rather
    /// than a further one (再次补正): the first asked for, while every request sent so far came with an approval.
    /// </summary>
    public bool IsLateFirst(SupplementApprovalRequest request) =>
        Record.SupplementApprovals.Count > 0 && Record.SupplementApprovals[0] == request
        && Record.SupplementsSent <= Record.SupplementApprovals.Count(a => a.Status == ExtensionStatuses.Approved);

    /// <summary>The request for a further supplement request that waits for a supervisor, if one does.</summary>
    public SupplementApprovalRequest? PendingSupplementApproval =>
        Record.SupplementApprovalAskedAt is null ? null : Record.SupplementApprovals.LastOrDefault(a => a.Status == ExtensionStatuses.Pending);

    /// <summary>A supervisor of the task's department who did not ask it themselves decides the waiting request.</summary>
    public bool DecidesSupplementApproval =>
        PendingSupplementApproval is { } pending && Supervisor && User.Department() == Record.Department && pending.RequestedBy != User.Id();

    /// <summary>The items of the first supplement request's form.</summary>
    public SupplementItemsForm FirstSupplementForm => new(this, "");

    /// <summary>The items of a further supplement request's form, its fields apart from the first's.</summary>
    public SupplementItemsForm AgainSupplementForm => new(this, "again-");

    /// <summary>A material's name as the step lists it, in the page's language, or its key.</summary>
    public string MaterialName(string key) =>
        Materials.FirstOrDefault(m => m["key"]?.GetValue<string>() == key) is { } material ? DeskText.MaterialName(material) ?? key : key;

    /// <summary>What a supplement item asks for, by name: the material's, or the form field's label.</summary>
    public string ItemName(SupplementItem item) =>
        item.Material is { } material ? MaterialName(material)
        : DeskText.Say("申请表：", "Form: ") + (Labels.FirstOrDefault(l => l.Key == item.Field).Name ?? item.Field);

    /// <summary>What the clerk typed into a field of the form that was refused, so that it is not lost.</summary>
    public string Posted(string field) => Request.HasFormContentType ? Request.Form[field].ToString() : "";

    public bool Checked(string field, string value) => Request.HasFormContentType && Request.Form[field].Contains(value);

    public string? Error(string field) => ModelState[field]?.Errors.FirstOrDefault()?.ErrorMessage;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await ShowAsync(cancellationToken);

    public async Task<IActionResult> OnPostClaimAsync(CancellationToken cancellationToken) =>
        await AfterAsync(await clerk.ClaimAsync(Id, User, cancellationToken), "claimed", "claim", cancellationToken);

    public async Task<IActionResult> OnPostReleaseAsync(CancellationToken cancellationToken) =>
        await AfterAsync(await clerk.ReleaseAsync(Id, User, cancellationToken), "released", "release", cancellationToken);

    public async Task<IActionResult> OnPostApproveAsync(string? approveReason, CancellationToken cancellationToken) =>
        await AfterAsync(
            await clerk.CompleteAsync(Id, new CompleteTaskRequest(StepOutcomes.Approved, Blank(approveReason), null), User, cancellationToken),
            "approved", "approve", cancellationToken, ("reason", "approveReason"));

    public async Task<IActionResult> OnPostRejectAsync(string? rejectReason, CancellationToken cancellationToken) =>
        await AfterAsync(
            await clerk.CompleteAsync(Id, new CompleteTaskRequest(StepOutcomes.Rejected, Blank(rejectReason), null), User, cancellationToken),
            "rejected", "reject", cancellationToken, ("reason", "rejectReason"));

    /// <summary>按承诺审批: the applicant signed the step's commitment on paper before the clerk at the window.</summary>
    public async Task<IActionResult> OnPostApproveOnCommitmentAsync(string? signerName, string? signerIdNumber, bool? paperSigned, CancellationToken cancellationToken)
    {
        var outcome = await clerk.ApproveOnCommitmentAsync(Id, new ApproveOnCommitmentRequest(signerName, signerIdNumber, paperSigned), User, cancellationToken);
        return await AfterAsync(
            outcome, "approved-on-commitment", "approve-on-commitment", cancellationToken,
            ("signerName", "signerName"), ("signerIdNumber", "signerIdNumber"), ("paperSigned", "paperSigned"));
    }

    /// <summary>The checked materials, each with the reason written beside it (<c>reason-&lt;key&gt;</c>).</summary>
    public async Task<IActionResult> OnPostSupplementAsync(CancellationToken cancellationToken)
    {
        var (items, note, fields) = SupplementItems("");
        return await AfterAsync(
            await clerk.RequestSupplementAsync(Id, new RequestSupplementRequest(items, note), User, cancellationToken),
            "supplement", "supplement", cancellationToken, fields);
    }

    /// <summary>A further supplement request for a supervisor to approve: the same items as a first one, and why they come now.</summary>
    public async Task<IActionResult> OnPostSupplementApprovalAsync(string? againReason, CancellationToken cancellationToken)
    {
        var (items, note, fields) = SupplementItems("again-");
        return await AfterAsync(
            await clerk.RequestSupplementApprovalAsync(Id, new RequestSupplementApprovalRequest(items, note, Blank(againReason)), User, cancellationToken),
            "supplement-asked", "again-supplement", cancellationToken, [.. fields, ("reason", "againReason")]);
    }

    public async Task<IActionResult> OnPostApproveSupplementAsync(Guid approval, string? approvalComment, CancellationToken cancellationToken) =>
        await AfterAsync(
            await clerk.DecideSupplementApprovalAsync(Id, approval, true, new ExtensionDecisionRequest(Blank(approvalComment)), User, cancellationToken),
            "supplement-approved", "approve-supplement", cancellationToken, ("reason", "approvalComment"));

    public async Task<IActionResult> OnPostRefuseSupplementAsync(Guid approval, string? refuseSupplementReason, CancellationToken cancellationToken) =>
        await AfterAsync(
            await clerk.DecideSupplementApprovalAsync(Id, approval, false, new ExtensionDecisionRequest(Blank(refuseSupplementReason)), User, cancellationToken),
            "supplement-refused", "refuse-supplement", cancellationToken, ("reason", "refuseSupplementReason"));

    /// <summary>
    /// The checked materials of a supplement form (<c>&lt;prefix&gt;materials</c>), each with the reason written beside it
    /// (<c>&lt;prefix&gt;reason-&lt;key&gt;</c>), its note, and the API's field names mapped to the form's.
    /// </summary>
    private (SupplementItemRequest[] Items, string? Note, (string Api, string Form)[] Fields) SupplementItems(string prefix)
    {
        var chosen = Request.Form[$"{prefix}materials"].OfType<string>().ToArray();
        var chosenFields = Request.Form[$"{prefix}fields"].OfType<string>().ToArray();
        var items = chosen.Select(key => new SupplementItemRequest(key, Blank(Request.Form[$"{prefix}reason-{key}"].ToString())))
            .Concat(chosenFields.Select(key => new SupplementItemRequest(null, Blank(Request.Form[$"{prefix}field-reason-{key}"].ToString()), key)))
            .ToArray();
        var fields = new List<(string, string)> { ("items", $"{prefix}materials"), ("note", $"{prefix}supplementNote") };
        fields.AddRange(chosen.Select((key, i) => ($"items[{i}].reason", $"{prefix}reason-{key}")));
        fields.AddRange(chosen.Select((key, i) => ($"items[{i}].material", $"{prefix}materials")));
        fields.AddRange(chosenFields.Select((key, i) => ($"items[{chosen.Length + i}].reason", $"{prefix}field-reason-{key}")));
        fields.AddRange(chosenFields.Select((key, i) => ($"items[{chosen.Length + i}].field", $"{prefix}fields")));
        return (items, Blank(Request.Form[$"{prefix}supplementNote"].ToString()), [.. fields]);
    }

    /// <summary>An excluded period; its end, when known, is a date and time in Shanghai.</summary>
    public async Task<IActionResult> OnPostExclusionAsync(string? kind, string? exclusionReason, string? until, CancellationToken cancellationToken)
    {
        if (!TryShanghaiTime(until, "until", "exclusion", out var end))
        {
            return await ShowAsync(cancellationToken);
        }

        return await AfterAsync(
            await clerk.StartExclusionAsync(Id, new StartExclusionRequest(kind, Blank(exclusionReason), end), User, cancellationToken),
            "exclusion", "exclusion", cancellationToken, ("kind", "kind"), ("reason", "exclusionReason"), ("until", "until"));
    }

    /// <summary>A new expected end for the excluded period under way, a date and time in Shanghai.</summary>
    public async Task<IActionResult> OnPostExclusionEndAsync(string? newUntil, CancellationToken cancellationToken)
    {
        if (!TryShanghaiTime(newUntil, "newUntil", "exclusion-end", out var end))
        {
            return await ShowAsync(cancellationToken);
        }

        return await AfterAsync(
            await clerk.ChangeExclusionEndAsync(Id, new ChangeExclusionEndRequest(end), User, cancellationToken),
            "exclusion-end-changed", "exclusion-end", cancellationToken, ("until", "newUntil"));
    }

    /// <summary>
    /// A <c>datetime-local</c> field read as Shanghai time: null when empty; false, with the error beside the field and
    /// its form shown open, when it is not a date and time.
    /// </summary>
    private bool TryShanghaiTime(string? value, string field, string form, out DateTimeOffset? at)
    {
        at = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        if (!DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            ModelState.AddModelError(field, DeskText.Say("结束时间的格式不对", "The end is not a date and time"));
            FailedForm = form;
            return false;
        }

        at = new DateTimeOffset(local, ChinaTime.Zone.GetUtcOffset(local));
        return true;
    }

    public async Task<IActionResult> OnPostReassignAsync(string? to, CancellationToken cancellationToken) =>
        await AfterAsync(await clerk.ReassignAsync(Id, new ReassignTaskRequest(to), User, cancellationToken), "reassigned", "reassign", cancellationToken, ("to", "to"));

    public async Task<IActionResult> OnPostEndExclusionAsync(CancellationToken cancellationToken) =>
        await AfterAsync(await clerk.EndExclusionAsync(Id, User, cancellationToken), "exclusion-ended", "end-exclusion", cancellationToken);

    public async Task<IActionResult> OnPostExtensionAsync(decimal? workingDays, string? extensionReason, CancellationToken cancellationToken)
    {
        var outcome = await clerk.RequestExtensionAsync(Id, new RequestExtensionRequest(workingDays, null, Blank(extensionReason)), User, cancellationToken);
        return await AfterAsync(
            new ClerkOutcome<object>(outcome.Status, outcome.Value, outcome.Problem, outcome.Errors),
            "extension", "extension", cancellationToken, ("workingDays", "workingDays"), ("workingHours", "workingDays"), ("reason", "extensionReason"));
    }

    /// <summary>
    /// Done: back to the page by a redirect (a reload does not repeat the action). Refused: the page again, with the
    /// field errors under their fields (<paramref name="fields"/> maps the API's names to the form's) or the reason.
    /// </summary>
    private async Task<IActionResult> AfterAsync<T>(
        ClerkOutcome<T> outcome, string done, string form, CancellationToken cancellationToken, params (string Api, string Form)[] fields)
    {
        if (outcome.Status == TaskActionStatus.Ok && !outcome.Invalid)
        {
            return RedirectToPage(new { id = Id, done });
        }

        FailedForm = form;
        if (outcome.Errors is { } errors)
        {
            foreach (var (name, messages) in errors)
            {
                var field = fields.FirstOrDefault(f => f.Api == name).Form ?? form;
                foreach (var message in messages)
                {
                    ModelState.AddModelError(field, DeskText.Say(message));
                }
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else if (outcome.Status == TaskActionStatus.NotFound)
        {
            return await ShowAsync(cancellationToken);
        }
        else
        {
            Refusal = DeskText.Say(outcome.Problem!);
            Response.StatusCode = outcome.Status == TaskActionStatus.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status409Conflict;
        }

        var shown = await ShowAsync(cancellationToken);
        return shown;
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        View = await clerk.ViewAsync(Id, User, cancellationToken);
        if (View is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        else if (Supervisor && User.Department() == View.Task.Department)
        {
            Clerks = await clerk.ClerksAsync(View.Task.Department, cancellationToken);
        }

        return Page();
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    /// <summary>A choice field's value (or values) by the labels of its options; null when the field has none or the value is not one.</summary>
    private static string? Chosen(JsonNode? value, JsonArray? options)
    {
        if (options is null || value is null)
        {
            return null;
        }

        string? LabelOf(JsonNode? chosen) =>
            chosen is JsonValue v && v.TryGetValue<string>(out var key)
            && options.OfType<JsonObject>().FirstOrDefault(o => o["value"]?.GetValue<string>() == key) is { } option
            && option["label"]?.GetValue<string>() is { } zh
                ? DeskText.Say(zh, option["labelEn"]?.GetValue<string>() ?? zh)
                : null;
        if (value is JsonArray many)
        {
            var chosen = many.Select(LabelOf).ToArray();
            return chosen.All(c => c is not null) ? string.Join("、", chosen) : null;
        }

        return LabelOf(value);
    }

    private static string Text(JsonNode? value) => value switch
    {
        null => "—",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<bool>(out var b) => b ? DeskText.Say("是", "Yes") : DeskText.Say("否", "No"),
        _ => value.ToJsonString(),
    };
}
