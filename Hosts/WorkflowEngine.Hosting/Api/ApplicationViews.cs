using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using WorkflowEngine.Core.Activities;
using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Definitions;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Audit;
using WorkflowEngine.Runtime.Definitions;
using WorkflowEngine.Hosting.Distributed;
using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Runtime.Users;
using WorkflowEngine.Runtime.Processing;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// Builds what the API shows of an application, every time in Asia/Shanghai. With <c>english</c> (the request's
/// Accept-Language, or the page's language), the engine's messages and reasons are in English where it kept them so,
/// and as stored where not (older notifications, texts a definition gives in Chinese only); codes stay the same.
/// </summary>
/// <param name="tasks">The tasks this process keeps, where the department side runs beside the engine; none on an engine host.</param>
public sealed class ApplicationViews(
    IApplicationQueries queries, DefinitionRegistry definitions, ReferenceData reference, ActivityRegistry activities, IAccessLog access, TimeProvider time,
    IDepartmentTasks? tasks = null)
{
    /// <summary>How a view reached the application, as its audit line says (none for the API's read by id).</summary>
    public const string ViaTrackingNumber = "trackingNumber";

    public const string ViaPage = "page";

    public const string ViaReceipt = "receipt";

    /// <summary>Reads that all see one committed state, for a page that builds more than one view of an application.</summary>
    public Task<IApplicationSnapshot> OpenSnapshotAsync(CancellationToken cancellationToken) => queries.OpenSnapshotAsync(cancellationToken);

    /// <summary>
    /// The application as last committed, read again with its steps, materials and notices in one snapshot: read apart,
    /// a commit between them showed a step approved on a commitment that had no signature yet.
    /// </summary>
    public async Task<ApplicationDto> DetailAsync(ApplicationRecord a, bool english, CancellationToken cancellationToken)
    {
        await using var snapshot = await queries.OpenSnapshotAsync(cancellationToken);
        return await DetailAsync(snapshot, await snapshot.GetAsync(a.Id, cancellationToken) ?? a, english, cancellationToken);
    }

    /// <summary>The application <paramref name="a"/>, read from <paramref name="snapshot"/>, with everything else it shows read there too.</summary>
    public async Task<ApplicationDto> DetailAsync(IApplicationSnapshot snapshot, ApplicationRecord a, bool english, CancellationToken cancellationToken)
    {
        var definition = await definitions.GetAsync(a.ServiceId, a.ServiceVersion, cancellationToken);
        var stepRows = (await snapshot.StepsAsync(a.Id, cancellationToken)).ToDictionary(s => s.StepId, StringComparer.Ordinal);
        var warnings = Warnings(a, definition);
        var calendar = reference.Calendar(definition.CalendarId);
        var steps = definition.Flow.DescendantsAndSelf()
            .Where(n => activities.TryGet(n.ActivityKey, out var activity) && activity.Descriptor.Tracked)
            .Select(n => Step(stepRows.TryGetValue(n.Id, out var row) ? StepProjection.AsDecided(row, n, a.State.Find(n.Id)) : Pending(a.Id, n), n, warnings.Nodes.TryGetValue(n.Id, out var card) ? card : default, calendar, english)
                with { Commitment = Commitment(a, n) })
            .ToArray();
        var materials = Materials(a, definition, await snapshot.MaterialsAsync(a.Id, cancellationToken));
        var stored = await snapshot.NotificationsAsync(a.Id, cancellationToken);
        // 补正一次告知: each supplement notice lists everything outstanding on the application (all departments), so
        // only the latest is shown: two departments asking give the applicant one notice, never two half-lists.
        var latestSupplement = stored.LastOrDefault(n => n.Kind == "supplement-requested");
        var notifications = stored
            .Where(n => n.Kind != "supplement-requested" || ReferenceEquals(n, latestSupplement))
            .Select(n => english && n.MessageEn is { } en
                ? new NotificationDto(ChinaTime.ToLocal(n.At), n.Kind, en, "en")
                : new NotificationDto(ChinaTime.ToLocal(n.At), n.Kind, n.Message, "zh-CN")).ToArray();
        var certificates = (await snapshot.CertificatesAsync(a.Id, cancellationToken))
            .Select(c => new CertificateDto(english ? CertificateNameEn(definition, c) : c.Name, c.FromStep,
                JsonSerializer.Deserialize<Dictionary<string, string>>(c.DetailsJson) ?? [], ChinaTime.ToLocal(c.IssuedAt),
                c.RevokedAt is not null, ChinaTime.ToLocal(c.RevokedAt), english ? c.RevokedReasonEn ?? c.RevokedReason : c.RevokedReason)).ToArray();
        var provisional = BundleProvisional(a, calendar);
        return new ApplicationDto(
            a.Id,
            a.TrackingNumber,
            a.ServiceId,
            a.ServiceVersion,
            definition.Title.Zh,
            a.Status,
            a.ApplicantId,
            a.ApplicantName,
            ChinaTime.ToLocal(a.SubmittedAt),
            ChinaTime.ToLocal(a.AcceptedAt),
            ChinaTime.ToLocal(a.DueAt),
            ChinaTime.ToLocal(a.StatutoryDueAt),
            warnings.Bundle is { } bundle ? ApiNames.Of(bundle.Level) : null,
            ChinaTime.ToLocal(a.CompletedAt),
            a.OnTime,
            english ? a.ReasonEn ?? a.Reason : a.Reason,
            JsonNode.Parse(a.FormJson),
            steps,
            materials,
            notifications,
            certificates,
            Supplements(a, definition))
        {
            Provisional = provisional is not null,
            ProvisionalReason = ReasonOf(provisional, english),
            ProvisionalYears = provisional?.MissingYears,
            Language = a.Language,
            WarningLimit = warnings.Bundle?.MostUrgent?.Limit,
            PromisedWarning = LimitWarnings.Optional(warnings.Bundle?.Promised),
            StatutoryWarning = LimitWarnings.Optional(warnings.Bundle?.Statutory),
        };
    }

    /// <summary>Every supplement request still open, all steps together: one notice for the applicant.</summary>
    private static SupplementDto[] Supplements(ApplicationRecord a, WorkflowDefinition definition)
    {
        var open = a.State.Nodes.Where(n => n.Value is { Status: NodeStatus.Active, Supplement: not null } && definition.Nodes.ContainsKey(n.Key)).ToArray();
        var form = open.Any(n => n.Value.Supplement!.Items.Any(i => !i.IsMaterial)) ? StoredForm.Read(a.FormJson) : null;
        return open
            .Select(n => new SupplementDto(
                n.Key,
                definition.Node(n.Key).DisplayTitle,
                n.Value.Department,
                n.Value.Supplement!.Items
                    .Select(i => i.IsMaterial
                        ? new SupplementItemDto(i.Material, definition.MaterialName(i.Material), i.Reason)
                        : new SupplementItemDto(null, definition.Fields.TryGetValue(i.Field!, out var f) ? f.Label.Zh : i.Field!, i.Reason)
                        {
                            Field = i.Field,
                            Answer = form?[i.Field!]?.DeepClone(),
                        })
                    .ToArray(),
                n.Value.Supplement.Note,
                ChinaTime.ToLocal(n.Value.Supplement.RequestedAt),
                ChinaTime.ToLocal(n.Value.Supplement.AnswerBy)))
            .OrderBy(s => s.RequestedAt)
            .ToArray();
    }

    /// <summary>The receipt: the application as last committed and its materials, read in one snapshot (as <see cref="DetailAsync(ApplicationRecord, bool, CancellationToken)"/>).</summary>
    public async Task<SubmittedDto> SubmittedAsync(ApplicationRecord application, bool english, CancellationToken cancellationToken)
    {
        await using var snapshot = await queries.OpenSnapshotAsync(cancellationToken);
        var a = await snapshot.GetAsync(application.Id, cancellationToken) ?? application;
        var definition = await definitions.GetAsync(a.ServiceId, a.ServiceVersion, cancellationToken);
        var provisional = BundleProvisional(a, reference.Calendar(definition.CalendarId));
        return new SubmittedDto(
            a.Id,
            a.TrackingNumber,
            a.Status,
            ChinaTime.ToLocal(a.SubmittedAt),
            ChinaTime.ToLocal(a.DueAt),
            ChinaTime.ToLocal(a.StatutoryDueAt),
            Materials(a, definition, await snapshot.MaterialsAsync(a.Id, cancellationToken)),
            provisional is not null,
            ReasonOf(provisional, english),
            provisional?.MissingYears)
        {
            Language = a.Language,
        };
    }

    /// <summary>A certificate's English name as the definition gives it; its stored Chinese one where it gives none.</summary>
    private static string CertificateNameEn(WorkflowDefinition definition, CertificateRecord certificate) =>
        definition.Nodes.TryGetValue(certificate.StepId, out var issuing)
            && WorkflowEngine.Activities.CertificateIssuance.NameOf(issuing, certificate.FromStep) is { En: { } en }
            ? en
            : certificate.Name;

    private static string? ReasonOf(ProvisionalDue? provisional, bool english) => english ? provisional?.ReasonEn : provisional?.Reason;

    /// <summary>
    /// Whether the bundle's due times are provisional: counted from its acceptance to the later of the two, the
    /// statutory one, so that whatever is provisional about the promised one is about it too.
    /// </summary>
    private static ProvisionalDue? BundleProvisional(ApplicationRecord a, WorkingCalendar calendar) =>
        ProvisionalDue.Of(calendar, a.AcceptedAt ?? a.SubmittedAt, Later(a.DueAt, a.StatutoryDueAt));

    /// <summary>Each application in a line, its due time marked provisional where it is.</summary>
    public async Task<IReadOnlyList<ApplicationSummaryDto>> SummariesAsync(IEnumerable<ApplicationRecord> applications, bool english, CancellationToken cancellationToken)
    {
        var lines = new List<ApplicationSummaryDto>();
        foreach (var a in applications)
        {
            var definition = await definitions.GetAsync(a.ServiceId, a.ServiceVersion, cancellationToken);
            var provisional = BundleProvisional(a, reference.Calendar(definition.CalendarId));
            lines.Add(new ApplicationSummaryDto(
                a.Id, a.TrackingNumber, a.ServiceId, a.Status, ChinaTime.ToLocal(a.SubmittedAt), ChinaTime.ToLocal(a.DueAt), ChinaTime.ToLocal(a.CompletedAt), a.OnTime,
                provisional is not null, ReasonOf(provisional, english), provisional?.MissingYears)
            {
                Language = a.Language,
            });
        }

        return lines;
    }

    /// <summary>
    /// The application's audit trail, and whether its hash chain verifies (where not, the first line that breaks it):
    /// the lines and the head they are checked against read in one snapshot, or a line committed between the two reads
    /// would show as a break in the chain.
    /// </summary>
    public async Task<AuditTrailDto> AuditTrailAsync(ApplicationRecord read, CancellationToken cancellationToken)
    {
        await using var snapshot = await queries.OpenSnapshotAsync(cancellationToken);
        var application = await snapshot.GetAsync(read.Id, cancellationToken) ?? read;
        var lines = await snapshot.AuditAsync(application.Id, cancellationToken);
        var verification = AuditChain.Verify(lines, application.AuditSequence, application.AuditHead);
        return new AuditTrailDto(
            application.Id,
            verification.Verified,
            verification.Verified ? null : new AuditBreakDto(verification.BrokenLineId, verification.BrokenPosition, verification.Problem!),
            lines.Select(a => new AuditDto(
                a.Sequence,
                ChinaTime.ToLocal(a.At),
                a.Type,
                a.StepId,
                a.Actor,
                a.DataJson is null ? null : JsonSerializer.Deserialize<Dictionary<string, string?>>(a.DataJson),
                a.Hash)).ToArray());
    }

    /// <summary>
    /// The application as <paramref name="user"/> may read it. Which clerk holds a step (<c>claimedBy</c>, a login id)
    /// is for administrators and the departments' staff; an applicant, and the window acting for one, reads which
    /// department handles each step, as at a service centre, never a clerk's login id.
    /// </summary>
    public static ApplicationDto ForReader(ApplicationDto detail, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(detail);
        return ReadsStaff(user)
            ? detail
            : detail with { Steps = [.. detail.Steps.Select(s => s.ClaimedBy is null ? s : s with { ClaimedBy = null })] };
    }

    /// <summary>Whether <paramref name="user"/> reads which of the staff did what: an administrator, or a department's staff.</summary>
    public static bool ReadsStaff(ClaimsPrincipal user) => user.IsAdmin() || user.Department() is not null;

    /// <summary>
    /// Someone else's look at the applicant's personal data, on a page or through the API, is an audit line; the
    /// applicant's own is not, or every refresh of the live tracking page would add one to the trail and a write to each read.
    /// </summary>
    public Task RecordViewAsync(ApplicationRecord application, ClaimsPrincipal user, string? via, CancellationToken cancellationToken) =>
        user.Id() == application.ApplicantId
            ? Task.CompletedTask
            : access.RecordAsync(
                application.Id, user.Id(), AccessTypes.ApplicationViewed, via is null ? null : new Dictionary<string, string?> { ["via"] = via }, cancellationToken);

    /// <summary>The application, if it exists and the caller may see it; otherwise null, the same for both.</summary>
    public async Task<ApplicationRecord?> VisibleAsync(Guid id, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await queries.GetAsync(id, cancellationToken) is { } application && await CanViewAsync(user, application, cancellationToken) ? application : null;

    /// <summary>
    /// Who acts as the applicant when this user supplies materials, signs a commitment or withdraws: the applicant; for
    /// an application taken in at a window, any of the window staff (shifts change), for the citizen who walked in, who
    /// has no account; nobody else (an administrator or a clerk reads, never acts for the applicant). The one place
    /// this is decided, for the API and the pages alike.
    /// </summary>
    public static ApplicantActor? ActorFor(ClaimsPrincipal user, ApplicationRecord a) =>
        user.Id() == a.ApplicantId ? new ApplicantActor(user.Id())
        : a.IsWalkIn && user.IsInRole(Roles.Window) ? new ApplicantActor(user.Id(), a.ApplicantName ?? a.TrackingNumber)
        : null;

    /// <summary>
    /// Who acts for the applicant on application <paramref name="id"/> (<see cref="ActorFor"/>), or the API's refusal: 404
    /// for a caller who may not see it (as for one that does not exist), 403 saying <paramref name="forbidden"/> for one
    /// who sees it but does not act for the applicant.
    /// </summary>
    public async Task<(ApplicantActor? Actor, IResult? Problem)> ActorOrProblemAsync(Guid id, ClaimsPrincipal user, ProblemText forbidden, CancellationToken cancellationToken) =>
        await VisibleAsync(id, user, cancellationToken) is not { } application ? (null, Problems.NotFound(new ProblemText("没有这个申请", "There is no such application")))
        : ActorFor(user, application) is { } actor ? (actor, null)
        : (null, Problems.Forbidden(forbidden));

    /// <summary>The applicant (or, for a walk-in, the window staff), an administrator, or a clerk of a department with a step in the application.</summary>
    public async Task<bool> CanViewAsync(ClaimsPrincipal user, ApplicationRecord a, CancellationToken cancellationToken)
    {
        if (user.IsAdmin() || ActorFor(user, a) is not null)
        {
            return true;
        }

        var department = user.Department();
        return department is not null
            && user.WorksFor(department)
            && (await queries.StepsAsync(a.Id, cancellationToken)).Any(s => s.Department == department);
    }

    private MaterialDto[] Materials(ApplicationRecord a, WorkflowDefinition definition, IReadOnlyList<MaterialRecord> stored) =>
        MaterialChecklist.Of(definition, stored, a.FormJson, a.AcceptedAt, reference.Calendar(definition.CalendarId), a.State.Deferred)
            .Select(m => new MaterialDto(
                m.Key,
                m.Name,
                m.Required,
                m.Status,
                ChinaTime.ToLocal(m.DueBy),
                m.File?.FileName,
                m.File?.Size,
                m.File?.Sha256,
                ChinaTime.ToLocal(m.File?.UploadedAt),
                m.File is { } f ? DownloadPath(a, f) : null,
                m.File?.Version,
                stored.Where(v => v.MaterialKey == m.Key).OrderBy(v => v.Version)
                    .Select(v => new MaterialVersionDto(v.Version, v.FileName, v.Size, v.Sha256, ChinaTime.ToLocal(v.UploadedAt), DownloadPath(a, v)) { PhotoPages = v.PhotoPages })
                    .ToArray())
            {
                PhotoPages = m.File?.PhotoPages,
            })
            .ToArray();

    private static string DownloadPath(ApplicationRecord a, MaterialRecord m) => $"/api/applications/{a.Id}/materials/{m.Id}";

    /// <summary>
    /// Who may download a material: the applicant and administrators; of a department, only a material one of its steps
    /// uses (<c>usedBy</c>), and then a clerk only while holding that step's task or after deciding it, a supervisor of
    /// the department at any time.
    /// </summary>
    public async Task<bool> CanDownloadAsync(ClaimsPrincipal user, ApplicationRecord a, MaterialRecord material, CancellationToken cancellationToken)
    {
        if (user.IsAdmin() || ActorFor(user, a) is not null)
        {
            return true;
        }

        if (user.IsInRole(ServiceRoles.DepartmentHost))
        {
            // A department host: a material one of its departments' steps uses; the host checks its clerk holds the step.
            var served = user.FindAll(ClaimNames.Department).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
            return (await StepsUsingAsync(a, material, d => d is not null && served.Contains(d), cancellationToken)).Count > 0;
        }

        if (user.Department() is not { } department || !user.WorksFor(department))
        {
            return false;
        }

        var steps = await StepsUsingAsync(a, material, d => d == department, cancellationToken);
        if (steps.Count == 0)
        {
            return false;
        }

        if (user.IsInRole(Roles.Supervisor))
        {
            return true;
        }

        // A clerk holds a step where the department's tasks are kept; an engine host keeps none, and its clerks work theirs
        // on their department's host, which fetches the material with its own credential.
        return tasks is not null && (await tasks.HeldByAsync(a.Id, department, user.Id(), cancellationToken)).Any(steps.Contains);
    }

    /// <summary>The steps of the application's definition that use the material (<c>usedBy</c>) and belong to a department chosen.</summary>
    private async Task<HashSet<string>> StepsUsingAsync(ApplicationRecord a, MaterialRecord material, Func<string?, bool> department, CancellationToken cancellationToken)
    {
        var definition = await definitions.GetAsync(a.ServiceId, a.ServiceVersion, cancellationToken);
        return definition.Materials.Where(m => m.Key == material.MaterialKey).SelectMany(m => m.UsedBy)
            .Where(id => definition.Nodes.TryGetValue(id, out var node) && activities.TryGet(node.ActivityKey, out var activity)
                && department(activity.DepartmentOf(node)))
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Each started clock's cards against its promised and its statutory limit (<see cref="ClockCards"/>, as the clocks
    /// endpoint explains them), and for steps whether their clock runs, stands paused (补正, an excluded period) or has
    /// stopped. The bundle's comes apart from the steps' and stages', by node id.
    /// </summary>
    private (ClockCards? Bundle, Dictionary<string, (ClockCards Cards, string Clock)> Nodes) Warnings(ApplicationRecord a, WorkflowDefinition definition)
    {
        var calendar = reference.Calendar(definition.CalendarId);
        var now = time.GetUtcNow();
        ClockCards? bundle = null;
        var nodes = new Dictionary<string, (ClockCards Cards, string Clock)>(StringComparer.Ordinal);
        foreach (var clock in ApplicationClocks.Of(definition, a.State, activities))
        {
            if ((clock.Promised is null && clock.Statutory is null) || clock.Timeline.StartedAt is null)
            {
                continue;
            }

            var cards = ClockCards.Of(clock, calendar, now);
            if (clock.Kind == ClockKind.Bundle)
            {
                bundle = cards;
            }
            else
            {
                nodes[clock.Id] = (cards, ApiNames.Of(clock.Timeline.Status));
            }
        }

        return (bundle, nodes);
    }

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null || (b is not null && b > a) ? b : a;

    private StepDto Step(StepRecord s, StepNode node, (ClockCards? Cards, string? Clock) card, WorkingCalendar calendar, bool english)
    {
        var department = s.Department ?? activities.Get(node.ActivityKey).DepartmentOf(node);
        var provisional = s.DueAt is { } due ? ProvisionalDue.Of(calendar, s.DispatchedAt ?? due, due) : null;
        return new StepDto(
            s.StepId,
            s.Kind,
            department,
            department is not null && reference.Departments.TryGetValue(department, out var d) ? d.Name.Zh : null,
            s.Title,
            s.Status,
            ChinaTime.ToLocal(s.DispatchedAt),
            ChinaTime.ToLocal(s.DueAt),
            card.Cards is { } cards ? ApiNames.Of(cards.Level) : null,
            card.Clock,
            s.ClaimedBy,
            ChinaTime.ToLocal(s.CompletedAt),
            s.OnTime,
            s.Outcome,
            english ? s.ReasonEn ?? s.Reason : s.Reason,
            s.OutputsJson is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(s.OutputsJson),
            Provisional: provisional is not null,
            ProvisionalReason: ReasonOf(provisional, english),
            ProvisionalYears: provisional?.MissingYears)
        {
            WarningLimit = card.Cards?.MostUrgent?.Limit,
            PromisedWarning = LimitWarnings.Optional(card.Cards?.Promised),
            StatutoryWarning = LimitWarnings.Optional(card.Cards?.Statutory),
            ReceivedAt = ChinaTime.ToLocal(s.ReceivedAt),
            ClaimedAt = ChinaTime.ToLocal(s.ClaimedAt),
        };
    }

    /// <summary>The step's commitment (告知承诺), where its definition offers one: signable while the step waits on its department.</summary>
    private static CommitmentDto? Commitment(ApplicationRecord a, StepNode node)
    {
        if ((node.Settings as ICommitmentSettings)?.Commitment is not { } rules)
        {
            return null;
        }

        var state = a.State.Find(node.Id);
        var signed = state?.Commitment;
        return new CommitmentDto(
            rules.Text,
            rules.TextSha256,
            rules.VerifyWithin?.ToString() ?? "",
            ApiNames.Of(rules.OnFailure),
            a.Status == ApplicationStatuses.InProgress && state is { Status: NodeStatus.Active, Attempt: > 0, Commitment: null },
            signed is null ? null : ApiNames.Of(signed.Status),
            signed?.SignedBy,
            ChinaTime.ToLocal(signed?.SignedAt),
            ChinaTime.ToLocal(signed?.VerifyAt),
            ChinaTime.ToLocal(signed?.VerifiedAt),
            signed?.Reason,
            signed?.Channel,
            signed?.WitnessedBy,
            rules.VerifyWithin?.ToEnglish() ?? "")
        {
            VerificationDueAt = ChinaTime.ToLocal(signed?.VerificationDueAt),
            VerificationReceivedAt = ChinaTime.ToLocal(signed?.VerificationReceivedAt),
        };
    }

    private static StepRecord Pending(Guid applicationId, StepNode node) =>
        StepProjection.From(applicationId, node, null);
}
