using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowEngine.Contracts;
using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Forms;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Definitions;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Compliance;
using WorkflowEngine.Runtime.Definitions;
using WorkflowEngine.Runtime.Incidents;
using WorkflowEngine.Runtime.Notifications;
using WorkflowEngine.Runtime.Outbox;
using WorkflowEngine.Runtime.Ratings;
using WorkflowEngine.Runtime.Statistics;
using WorkflowEngine.Runtime.Stores;
using WorkflowEngine.Runtime.Timers;

namespace WorkflowEngine.Runtime.Processing;

/// <summary>
/// One engine transaction: loads what the batch touches, runs each item through the interpreter in order, and turns
/// the interpreter's commands into rows (outbox, timers, notifications, step rows, audit) of a single change set.
/// An error while executing an application never fails the batch or leaves the application frozen: it becomes an
/// incident on that application, which holds the event (and every later one) until an administrator acts.
/// </summary>
internal sealed class EngineBatch(
    IEngineReader reader,
    DefinitionRegistry definitions,
    WorkflowInterpreter interpreter,
    ReferenceData reference,
    CommittedApplications committed,
    DateTimeOffset now)
{
    /// <summary>How long after dispatch a department may ask for supplementary material (行政许可法 Art. 32: five working days).</summary>

    private readonly Dictionary<Guid, ApplicationRecord> _applications = [];

    /// <summary>The application the batch loaded for a work item; one that does not exist fails the item.</summary>
    private ApplicationRecord Loaded(Guid id) =>
        _applications.TryGetValue(id, out var application) ? application : throw new UnknownApplicationException(id);
    private readonly HashSet<Guid> _inserted = [];
    private readonly HashSet<Guid> _changed = [];
    private readonly Dictionary<Guid, List<MaterialRecord>> _materials = [];
    private readonly Dictionary<Guid, ApplicationData> _data = [];
    private readonly Dictionary<Guid, JsonElement> _forms = [];
    private readonly Dictionary<Guid, Dictionary<string, MaterialStatus>> _checklists = [];
    private readonly HashSet<string> _consumed = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, IncidentRecord?> _incidents = [];

    /// <summary>
    /// The ratings stored, by application and step ("" for the overall one), each with whether its follow-up is recorded:
    /// as read, then as the batch leaves them.
    /// </summary>
    private readonly Dictionary<(Guid ApplicationId, string Step), bool> _rated = [];

    /// <summary>Applications moved to another definition version in this batch: their clocks are counted on its limits.</summary>
    private readonly HashSet<Guid> _migrated = [];

    public EngineChanges Changes { get; } = new();

    public async Task LoadAsync(IReadOnlyList<EngineWork> batch, CancellationToken cancellationToken)
    {
        var missing = new List<Guid>();
        foreach (var id in batch.Where(w => w is not SubmitWork).Select(w => w.ApplicationId).Distinct())
        {
            if (committed.TryGet(id, out var application))
            {
                _applications[id] = application;
            }
            else
            {
                missing.Add(id);
            }
        }

        if (missing.Count > 0)
        {
            foreach (var application in await reader.LoadApplicationsAsync(missing, cancellationToken))
            {
                _applications[application.Id] = application;
            }
        }

        var messageIds = batch.OfType<EventWork>().Select(e => e.MessageId).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        if (messageIds.Length > 0)
        {
            _consumed.UnionWith(await reader.FindProcessedAsync(messageIds, cancellationToken));
        }

        // Read after the applications: a rating stored since by another process moved its application on, so this
        // batch's write then fails on the version it read and runs again.
        var rating = batch.Where(w => w is RateWork or RateStepsWork or FollowUpRatingWork).Select(w => w.ApplicationId).Distinct().ToArray();
        if (rating.Length > 0)
        {
            foreach (var (key, followedUp) in await reader.FindRatedAsync(rating, cancellationToken))
            {
                _rated[key] = followedUp;
            }
        }
    }

    public async Task<object?> SubmitAsync(SubmitWork work, CancellationToken cancellationToken)
    {
        var application = work.Application;
        _applications[application.Id] = application;
        _inserted.Add(application.Id);
        _materials[application.Id] = [.. work.Materials];
        Changes.Materials.AddRange(work.Materials);
        var submitted = new Dictionary<string, string?> { ["service"] = $"{application.ServiceId}@v{application.ServiceVersion}", ["language"] = application.Language };
        if (work.Intake is { } intake)
        {
            submitted["channel"] = WalkInIntake.Channel;
            submitted["applicantName"] = application.ApplicantName;
            submitted["applicantIdType"] = intake.IdType;
            submitted["applicantIdNumber"] = intake.IdNumber;
            submitted["applicantPhone"] = intake.Phone;
        }

        Changes.Audit.Add(new AuditRecord(application.Id, now, AuditTypes.ApplicationSubmitted, null, work.Intake?.StaffId ?? application.ApplicantId, Json(submitted)));
        if (application.Status == ApplicationStatuses.InProgress)
        {
            await StartAsync(application, cancellationToken);
        }

        return application;
    }

    public async Task<object?> AttachAsync(AttachMaterialsWork work, CancellationToken cancellationToken)
    {
        var application = Loaded(work.ApplicationId);

        var materials = await MaterialsAsync(application, cancellationToken);
        if (application.AcceptedAt is not null)
        {
            // Once accepted, departments may have decided on a file: it is replaced only when a supplement request
            // (补正) asks for it, and none is open. What was never supplied (容缺, or missing) may still come.
            var requested = application.State.Nodes.Values.Where(n => n.Supplement is not null)
                .SelectMany(n => n.Supplement!.Items.Select(i => i.Material).OfType<string>()).ToHashSet(StringComparer.Ordinal);
            var replacing = work.Materials.Select(m => m.MaterialKey)
                .Where(key => materials.Any(m => m.MaterialKey == key) && !requested.Contains(key)).Distinct().ToArray();
            if (replacing.Length > 0)
            {
                return AttachMaterialsResult.Refused(application, replacing);
            }
        }

        var corrected = work.Corrections is { Count: > 0 } corrections ? AskedFields(application, corrections.Keys) : null;
        if (corrected?.Refused is { Length: > 0 } unasked)
        {
            return new AttachMaterialsResult(application, []) { RefusedFields = unasked };
        }

        _checklists.Remove(application.Id);
        foreach (var upload in work.Materials)
        {
            var material = upload with { Version = materials.Where(m => m.MaterialKey == upload.MaterialKey).Select(m => m.Version).DefaultIfEmpty(0).Max() + 1 };
            materials.Add(material);
            Changes.Materials.Add(material);
            var uploaded = new Dictionary<string, string?>
            {
                ["material"] = material.MaterialKey,
                ["version"] = material.Version.ToString(CultureInfo.InvariantCulture),
                ["sha256"] = material.Sha256,
            };
            if (work.Actor.OnBehalfOf is { } onBehalfOf)
            {
                uploaded["onBehalfOf"] = onBehalfOf;
            }

            Changes.Audit.Add(new AuditRecord(application.Id, now, "MaterialUploaded", null, work.Actor.Id, Json(uploaded)));
        }

        if (application.Status == ApplicationStatuses.AwaitingMaterials)
        {
            var definition = await definitions.GetAsync(application.ServiceId, application.ServiceVersion, cancellationToken);
            if (MaterialChecklist.ReadyToAccept(definition, materials, application.FormJson))
            {
                await StartAsync(application, cancellationToken);
            }
        }
        else if (application.Status == ApplicationStatuses.InProgress)
        {
            if (corrected is not null && !await CorrectFormAsync(application, work, corrected.Steps, cancellationToken))
            {
                MarkChanged(application);
                return new AttachMaterialsResult(application, []);
            }

            await AnswerDeferralsAsync(application, work, materials, cancellationToken);
            await AnswerSupplementsAsync(application, work.Actor, materials, cancellationToken);
        }

        MarkChanged(application);
        return new AttachMaterialsResult(application, []);
    }

    /// <summary>The open supplement requests (补正) that ask about <paramref name="fields"/>, and those of the fields none asks about.</summary>
    private static AskedCorrections AskedFields(ApplicationRecord application, IEnumerable<string> fields)
    {
        var open = application.Status == ApplicationStatuses.InProgress
            ? application.State.Nodes.Where(n => n.Value is { Status: NodeStatus.Active, Supplement: not null }).ToArray()
            : [];
        var keys = fields.ToArray();
        var steps = open
            .Select(n => (StepId: n.Key, n.Value.Attempt, n.Value.Supplement!.RequestId,
                Fields: (IReadOnlyList<string>)keys.Where(k => n.Value.Supplement!.Items.Any(i => i.Field == k)).ToArray()))
            .Where(s => s.Fields.Count > 0)
            .ToArray();
        return new AskedCorrections(steps, keys.Where(k => steps.All(s => !s.Fields.Contains(k))).ToArray());
    }

    private sealed record AskedCorrections((string StepId, int Attempt, Guid RequestId, IReadOnlyList<string> Fields)[] Steps, string[] Refused);

    /// <summary>
    /// Replaces the form's answers a supplement request asked to correct, each change on the audit trail with its old and
    /// new value (<c>FormCorrected</c>), and tells each asking step which of its fields are answered. The flow's
    /// conditions already decided are not judged again: only what is decided from now on reads the new answers.
    /// False when the flow could not take it (an incident was raised).
    /// </summary>
    private async Task<bool> CorrectFormAsync(
        ApplicationRecord application, AttachMaterialsWork work, (string StepId, int Attempt, Guid RequestId, IReadOnlyList<string> Fields)[] steps,
        CancellationToken cancellationToken)
    {
        var form = JsonNode.Parse(application.FormJson) as JsonObject ?? [];
        var changed = new List<FormCorrection>();
        foreach (var (field, value) in work.Corrections!)
        {
            var old = form[field]?.ToJsonString(StoredJson.Options);
            changed.Add(new FormCorrection { Key = field, Old = JsonAnswer(old), New = JsonAnswer(value?.ToJsonString(StoredJson.Options)) });
            if (value is null)
            {
                form.Remove(field);
            }
            else
            {
                form[field] = value.DeepClone();
            }

            var line = new Dictionary<string, string?>
            {
                ["field"] = field,
                ["old"] = old,
                ["new"] = value?.ToJsonString(StoredJson.Options),
                ["requests"] = string.Join(",", steps.Where(s => s.Fields.Contains(field)).Select(s => s.RequestId.ToString())),
            };
            if (work.Actor.OnBehalfOf is { } onBehalfOf)
            {
                line["onBehalfOf"] = onBehalfOf;
            }

            Changes.Audit.Add(new AuditRecord(
                application.Id, now, AuditTypes.FormCorrected, steps.Where(s => s.Fields.Contains(field)).Select(s => s.StepId).FirstOrDefault(), work.Actor.Id, Json(line)));
        }

        application.FormJson = form.ToJsonString(StoredJson.Options);
        Changes.Forms[application.Id] = application.FormJson;
        application.State.FormRevision++;
        (application.State.AnswerCorrections ??= []).AddRange(changed.Select(c => new AnswerCorrection
        {
            Revision = application.State.FormRevision, At = now, Field = c.Key, OldJson = c.Old.GetRawText(), NewJson = c.New.GetRawText(),
        }));
        AnnounceCorrection(application, changed);
        // What is read from the form is read again: conditions still to be decided, and the materials they call for.
        _data.Remove(application.Id);
        _forms.Remove(application.Id);
        _checklists.Remove(application.Id);
        foreach (var (stepId, attempt, requestId, fields) in steps)
        {
            var corrected = new SupplementFieldsCorrectedEvent(stepId, attempt, requestId, fields);
            if (await RunAsync(application, corrected, cancellationToken) is { } error)
            {
                RaiseIncident(application, null, [new ParkedEvent(corrected, now)], error);
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Tells every department holding a step of the application (open, decided or recalled: any of them may have shown a
    /// clerk the old answer, or hold other tasks of it) that the form changed, with the whole form of the new revision.
    /// A step dispatched later carries that form and revision in its <c>ExecuteStep</c>.
    /// </summary>
    private void AnnounceCorrection(ApplicationRecord application, IReadOnlyList<FormCorrection> corrections)
    {
        var departments = application.State.Nodes.Values
            .Where(n => n is { Department: not null, Attempt: > 0 })
            .Select(n => n.Department!)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var form = FormElement(application);
        foreach (var department in departments)
        {
            Changes.Outbox.Add(MessageJson.ToOutbox(
                new ApplicationFormCorrected
                {
                    ApplicationId = application.Id,
                    Department = department,
                    TrackingNumber = application.TrackingNumber,
                    FormRevision = application.State.FormRevision,
                    Form = form,
                    Corrections = corrections,
                    CorrectedAt = ChinaTime.ToLocal(now),
                },
                Queues.Department(department),
                now));
        }
    }

    /// <summary>
    /// The corrections that made the form's revision, as <c>ApplicationFormCorrected</c> told the departments holding a
    /// step then: a department whose first step of the application comes after them heard of none. Null for the form as submitted.
    /// </summary>
    private static EarlierFormCorrection[]? EarlierCorrectionsOf(InstanceState state) =>
        state.AnswerCorrections is { Count: > 0 } made
            ? [.. made.GroupBy(c => c.Revision).Select(r => new EarlierFormCorrection
            {
                FormRevision = r.Key,
                CorrectedAt = ChinaTime.ToLocal(r.First().At),
                Corrections = [.. r.Select(c => new FormCorrection { Key = c.Field, Old = JsonAnswer(c.OldJson), New = JsonAnswer(c.NewJson) })],
            })]
            : null;

    /// <summary>A stored answer (its JSON, or null when there was none) as a message carries it.</summary>
    private static JsonElement JsonAnswer(string? json) => JsonSerializer.Deserialize<JsonElement>(json ?? "null");

    /// <summary>Tells the flow of each material accepted late (容缺) that has now come, so its timers go and what it held up runs.</summary>
    private async Task AnswerDeferralsAsync(ApplicationRecord application, AttachMaterialsWork work, List<MaterialRecord> materials, CancellationToken cancellationToken)
    {
        foreach (var key in work.Materials.Select(m => m.MaterialKey).Distinct(StringComparer.Ordinal))
        {
            if (application.State.Deferred?.Exists(d => d.Key == key && d.SuppliedAt is null) != true)
            {
                continue;
            }

            var version = materials.Where(m => m.MaterialKey == key).Max(m => m.Version);
            var supplied = new DeferredMaterialSuppliedEvent(key, MaterialVersionLabel.Format(key, version), application.ApplicantId, now);
            if (await RunAsync(application, supplied, cancellationToken) is { } error)
            {
                RaiseIncident(application, null, [new ParkedEvent(supplied, now)], error);
                return;
            }
        }
    }

    /// <summary>
    /// Runs again the clock of every step whose supplement request (补正) the uploads so far have answered in full: each
    /// item a version uploaded since the request.
    /// </summary>
    private async Task AnswerSupplementsAsync(ApplicationRecord application, ApplicantActor actor, List<MaterialRecord> materials, CancellationToken cancellationToken)
    {
        var answered = application.State.Nodes
            .Where(n => n.Value is { Status: NodeStatus.Active, Supplement: not null })
            .Select(n => (StepId: n.Key, n.Value.Attempt, Request: n.Value.Supplement!))
            .ToArray();
        foreach (var (stepId, attempt, request) in answered)
        {
            var versions = request.Items.Where(i => i.IsMaterial)
                .Select(i => materials.Where(m => m.MaterialKey == i.Material && m.UploadedAt >= request.RequestedAt).MaxBy(m => m.Version))
                .ToArray();
            if (versions.Any(v => v is null) || !request.FieldsAnswered)
            {
                continue;
            }

            var supplied = new StepSupplementedEvent(stepId, attempt, request.RequestId,
                versions.Select(v => MaterialVersionLabel.Format(v!.MaterialKey, v.Version)).Distinct(StringComparer.Ordinal).ToArray(),
                actor.Id, now) { OnBehalfOf = actor.OnBehalfOf };
            if (await RunAsync(application, supplied, cancellationToken) is { } error)
            {
                RaiseIncident(application, null, [new ParkedEvent(supplied, now)], error);
                return;
            }
        }
    }

    public async Task<object?> ApplyAsync(EventWork work, CancellationToken cancellationToken)
    {
        if (work.MessageId is { } messageId && !_consumed.Add(messageId))
        {
            return EventResult.Duplicate;
        }

        var application = Loaded(work.ApplicationId);

        if (work.Observe)
        {
            // A batch tried again runs the event again: only the run committed counts.
            work.Interpreted = null;
        }

        // The timer that fired is gone before the event runs, so that the run may schedule it again under its id.
        if (work.Event is TimerFiredEvent fired)
        {
            Changes.RemoveTimer(application.Id, fired.TimerId);
        }

        if (application.Status == ApplicationStatuses.Incident && work.Event is WorkflowWithdrawnEvent)
        {
            // Not held behind the incident: the applicant was told it cannot be withdrawn now (WithdrawalService reads the
            // status after this), and a retry must not withdraw it later behind their back.
        }
        else if (application.Status == ApplicationStatuses.Incident && await OpenIncidentAsync(application, cancellationToken) is { } incident)
        {
            // Held behind the failed one, in arrival order, so a retry applies them as they came.
            incident.Events.Add(new ParkedEvent(work.Event, now));
            incident.UpdatedAt = now;
            Changes.Incidents[incident.Id] = incident;
        }
        else if (await RunAsync(application, work.Event, cancellationToken, work.Observe ? work : null) is { } error)
        {
            RaiseIncident(application, null, [new ParkedEvent(work.Event, now)], error);
        }

        if (work.MessageId is not null)
        {
            Changes.Inbox.Add(work.MessageId);
        }

        MarkChanged(application);
        return EventResult.Applied;
    }

    /// <summary>Adds every new and changed application to the change set (a changed one still carries the version it was read at).</summary>
    public void Seal()
    {
        foreach (var id in _inserted)
        {
            Changes.Inserted.Add(_applications[id]);
        }

        foreach (var id in _changed)
        {
            Changes.Updated.Add(_applications[id]);
        }
    }

    /// <summary>
    /// The e-mails and SMS that carry the batch's notifications to their applicants, written in the same transaction as
    /// the notifications (an outbox): a notification is never committed without them, nor they without it.
    /// </summary>
    public async Task AddDeliveriesAsync(ApplicantMessages messages, CancellationToken cancellationToken)
    {
        foreach (var notification in Changes.Notifications)
        {
            if (_applications.TryGetValue(notification.ApplicationId, out var application))
            {
                var definition = await definitions.GetAsync(application.ServiceId, application.ServiceVersion, cancellationToken);
                Changes.Deliveries.AddRange(messages.For(notification, application, definition));
            }
        }
    }

    /// <summary>A read of personal data, written into the application's audit trail.</summary>
    public object? RecordAccess(RecordAccessWork work)
    {
        var application = Loaded(work.ApplicationId);

        Changes.Audit.Add(new AuditRecord(application.Id, now, work.What, null, work.Actor, work.Detail is null ? null : Json(work.Detail)));
        MarkChanged(application);
        return null;
    }

    /// <summary>
    /// A walk-in's new query code: stored in place of the old one, audited in the same change set. Null (nothing changed)
    /// for an application made online, which has no code to replace. Not held behind an incident, nor refused once
    /// decided: the citizen follows the result with it.
    /// </summary>
    public object? ReissueQueryCode(ReissueQueryCodeWork work)
    {
        var application = Loaded(work.ApplicationId);

        if (!application.IsWalkIn)
        {
            return null;
        }

        application.QueryCodeSha256 = work.QueryCodeSha256;
        Changes.Audit.Add(new AuditRecord(application.Id, now, AuditTypes.QueryCodeReissued, null, work.Actor, Json(work.Detail)));
        MarkChanged(application);
        return application;
    }

    /// <summary>
    /// The language the applicant is written to in, changed with its audit line (before and after) in the same change set;
    /// the application unchanged, and nothing written, when it is that language already. Not held behind an incident, nor
    /// refused once decided: a message may still come (a certificate revoked, a commitment's check).
    /// </summary>
    public object? ChangeLanguage(ChangeLanguageWork work)
    {
        var application = Loaded(work.ApplicationId);
        if (application.Language == work.Language)
        {
            return application;
        }

        var detail = new Dictionary<string, string?> { ["from"] = application.Language, ["to"] = work.Language };
        if (work.Actor.OnBehalfOf is { } citizen)
        {
            detail["onBehalfOf"] = citizen;
        }

        Changes.Audit.Add(new AuditRecord(application.Id, now, AuditTypes.LanguageChanged, null, work.Actor.Id, Json(detail)));
        application.Language = work.Language;
        MarkChanged(application);
        return application;
    }

    /// <summary>
    /// The rating (好差评), stored with its audit line in the same change set, as rated at the batch's time; null (nothing
    /// changed) when the application is rated already.
    /// </summary>
    public object? Rate(RateWork work)
    {
        var application = Loaded(work.ApplicationId);

        // A step rated on its own meanwhile (一事一评) is not rated again beside the overall rating.
        if (_rated.ContainsKey((application.Id, "")) || work.Rating.Steps.Any(s => _rated.ContainsKey((application.Id, s.StepId))))
        {
            return null;
        }

        _rated[(application.Id, "")] = false;
        foreach (var step in work.Rating.Steps)
        {
            _rated[(application.Id, step.StepId)] = false;
        }

        var rating = work.Rating with
        {
            RatedAt = now,
            Steps = [.. work.Rating.Steps.Select(s => s with { RatedBy = work.Rating.RatedBy, OnBehalfOf = work.Rating.OnBehalfOf, RatedAt = now })],
        };
        Changes.Ratings.Add(rating);
        Changes.Audit.Add(new AuditRecord(application.Id, now, RatingAuditTypes.Rated, null, rating.RatedBy, Json(work.Detail)));
        MarkChanged(application);
        return rating;
    }

    /// <summary>
    /// The ratings of single decided steps (一事一评), given on their own — before, without or after the overall rating —
    /// each stored with its own audit line in the same change set, as rated at the batch's time; null (nothing changed)
    /// when one of the steps is rated already.
    /// </summary>
    public object? RateSteps(RateStepsWork work)
    {
        var application = Loaded(work.ApplicationId);

        if (work.Steps.Count == 0 || work.Steps.Any(s => _rated.ContainsKey((application.Id, s.StepId))))
        {
            return null;
        }

        var stored = new List<StepRatingRecord>(work.Steps.Count);
        foreach (var given in work.Steps)
        {
            var step = given with { RatedBy = work.Actor.Id, OnBehalfOf = work.Actor.OnBehalfOf, RatedAt = now };
            _rated[(application.Id, step.StepId)] = false;
            stored.Add(step);
            Changes.StepRatings.Add((application.Id, application.TrackingNumber, application.ServiceId, step));
            Changes.Audit.Add(new AuditRecord(application.Id, now, RatingAuditTypes.StepRated, step.StepId, work.Actor.Id, Json(work.Detail(step))));
        }

        MarkChanged(application);
        return stored;
    }

    /// <summary>
    /// The follow-up (整改) of the application's rating, stored with its audit line in the same change set; null (nothing
    /// changed) when there is no rating or its follow-up is recorded already.
    /// </summary>
    public object? FollowUpRating(FollowUpRatingWork work)
    {
        var application = Loaded(work.ApplicationId);

        var key = (application.Id, work.Step ?? "");
        if (!_rated.TryGetValue(key, out var followedUp) || followedUp)
        {
            return null;
        }

        _rated[key] = true;
        var followUp = new RatingFollowUp(application.Id, work.Note, work.Administrator, now, work.Step);
        Changes.RatingFollowUps.Add(followUp);
        Changes.Audit.Add(new AuditRecord(application.Id, now, RatingAuditTypes.RatingFollowedUp, work.Step, work.Administrator,
            Json(new Dictionary<string, string?> { ["note"] = work.Note })));
        MarkChanged(application);
        return followUp;
    }

    /// <summary>An administrator retries the events an incident holds, or cancels the application.</summary>
    public async Task<object?> ResolveAsync(ResolveIncidentWork work, CancellationToken cancellationToken)
    {
        var application = Loaded(work.ApplicationId);

        if (await OpenIncidentAsync(application, cancellationToken) is not { } incident || incident.Id != work.IncidentId)
        {
            return IncidentActionResult.NotFound("该申请没有这个待处理的异常（可能已被处理）");
        }

        var result = work.Action == IncidentAction.Cancel
            ? await CancelAsync(application, incident, work, cancellationToken)
            : await RetryAsync(application, incident, work, cancellationToken);
        MarkChanged(application);
        return result;
    }

    private async Task<IncidentActionResult> RetryAsync(ApplicationRecord application, IncidentRecord incident, ResolveIncidentWork work, CancellationToken cancellationToken)
    {
        if (work.MigrateToVersion is { } version && version != application.ServiceVersion)
        {
            if (await MigrationProblemAsync(application, version, cancellationToken) is { } problem)
            {
                return IncidentActionResult.Refused(incident, problem);
            }

            Changes.Audit.Add(new AuditRecord(application.Id, now, "ApplicationMigrated", null, work.Actor,
                Json(new Dictionary<string, string?> { ["from"] = $"v{application.ServiceVersion}", ["to"] = $"v{version}" })));
            application.ServiceVersion = version;
            _migrated.Add(application.Id);
            _data.Remove(application.Id);
            _checklists.Remove(application.Id);
        }

        Changes.Audit.Add(new AuditRecord(application.Id, now, "IncidentRetried", incident.StepId, work.Actor,
            Json(new Dictionary<string, string?> { ["incident"] = incident.Id.ToString(), ["events"] = incident.Events.Count.ToString(CultureInfo.InvariantCulture) })));
        application.Status = ApplicationStatuses.InProgress;
        var held = incident.Events;
        for (var i = 0; i < held.Count; i++)
        {
            if (await RunAsync(application, held[i].Event, cancellationToken) is { } error)
            {
                RaiseIncident(application, incident, held.Skip(i).ToList(), error);
                return IncidentActionResult.Done(incident);
            }
        }

        Close(incident, IncidentStatuses.Resolved, work.Actor, $"重试成功（定义 {application.ServiceId}@v{application.ServiceVersion}）");
        Changes.Audit.Add(new AuditRecord(application.Id, now, "IncidentResolved", incident.StepId, work.Actor,
            Json(new Dictionary<string, string?> { ["incident"] = incident.Id.ToString() })));
        return IncidentActionResult.Done(incident);
    }

    private async Task<IncidentActionResult> CancelAsync(ApplicationRecord application, IncidentRecord incident, ResolveIncidentWork work, CancellationToken cancellationToken)
    {
        var reason = work.Reason ?? "";
        application.Status = ApplicationStatuses.InProgress;
        if (await RunAsync(application, new WorkflowCancelledEvent(reason, work.Actor), cancellationToken) is not null)
        {
            // Even cancelling fails in the interpreter: end the application from the shell, recalling what departments hold.
            await CancelFromShellAsync(application, reason, work.Actor, cancellationToken);
        }

        Close(incident, IncidentStatuses.Cancelled, work.Actor, reason);
        return IncidentActionResult.Done(incident);
    }

    /// <summary>Why the application cannot move to <paramref name="version"/>, or null: every step it has reached must exist there as the same kind of step.</summary>
    private async Task<string?> MigrationProblemAsync(ApplicationRecord application, int version, CancellationToken cancellationToken)
    {
        if (await definitions.GetPublishedAsync(application.ServiceId, version, cancellationToken) is not { } target)
        {
            return $"“{application.ServiceId}”没有已发布的第 {version} 版";
        }

        var current = await definitions.GetAsync(application.ServiceId, application.ServiceVersion, cancellationToken);
        var missing = application.State.Nodes.Keys
            .Where(id => !target.Nodes.TryGetValue(id, out var node) || !current.Nodes.TryGetValue(id, out var was) || node.ActivityKey != was.ActivityKey)
            .Order(StringComparer.Ordinal)
            .ToArray();
        return missing.Length == 0
            ? null
            : $"第 {version} 版缺少本申请已执行的步骤，或其类型不同：{string.Join("、", missing)}；不能迁移，请发布包含这些步骤的版本";
    }

    /// <summary>
    /// Ends the application without its flow (<see cref="ForcedCancellation"/>): departments drop what they hold, and
    /// no timer of it fires later — no verification task (事后核查), no card, no overdue stage for an ended application.
    /// </summary>
    private async Task CancelFromShellAsync(ApplicationRecord application, string reason, string actor, CancellationToken cancellationToken)
    {
        var reasonEn = OwnWords.Administrator(reason);
        var ended = ForcedCancellation.Apply(application.State, reason, reasonEn, now);
        foreach (var command in ended.Commands)
        {
            if (command is CancelTimer timer)
            {
                Changes.RemoveTimer(application.Id, timer.TimerId);
            }
            else
            {
                Changes.Outbox.Add(DepartmentMessages.ToOutbox(command, application.Id, now));
            }
        }

        var definition = await LoadableDefinitionAsync(application, cancellationToken);
        foreach (var stepId in ended.ChangedNodes)
        {
            var state = ended.State.Find(stepId);
            if (definition?.Nodes.GetValueOrDefault(stepId) is { } node)
            {
                if (interpreter.Registry.TryGet(node.ActivityKey, out var activity) && activity.Descriptor.Tracked)
                {
                    Changes.Steps[(application.Id, stepId)] = StepProjection.From(application.Id, node, state);
                }
            }
            else if (state?.Department is not null)
            {
                // A department's step has had its row since dispatch, whose kind and title the write keeps: the row
                // stops waiting, so the stuck-work check no longer sends it again.
                Changes.Steps[(application.Id, stepId)] = StepProjection.From(application.Id, new StepNode { Id = stepId, ActivityKey = "" }, state);
            }
        }

        foreach (var entry in ended.Audit)
        {
            Changes.Audit.Add(new AuditRecord(application.Id, entry.At, entry.Type, entry.StepId, entry.Actor, entry.Data is null ? null : Json(entry.Data)));
        }

        application.State = ended.State;
        application.Status = ApplicationStatuses.Cancelled;
        application.CompletedAt = now;
        Changes.Clocks[application.Id] = [];
        application.Reason = reason;
        application.ReasonEn = reasonEn;
        Changes.Audit.Add(new AuditRecord(application.Id, now, AuditTypes.ApplicationCancelled, null, actor,
            Json(new Dictionary<string, string?> { ["reason"] = reason })));
        Changes.Notifications.Add(new NotificationRecord(application.Id, now, "cancelled", $"您的申请（{application.TrackingNumber}）已终止办理：{reason}",
            $"Your application ({application.TrackingNumber}) has been ended: {application.ReasonEn}"));
    }

    /// <summary>The application's definition, or null when it no longer loads.</summary>
    private async Task<WorkflowDefinition?> LoadableDefinitionAsync(ApplicationRecord application, CancellationToken cancellationToken)
    {
        try
        {
            return await definitions.GetAsync(application.ServiceId, application.ServiceVersion, cancellationToken);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or OutOfMemoryException))
        {
            return null;
        }
    }

    private async Task<IncidentRecord?> OpenIncidentAsync(ApplicationRecord application, CancellationToken cancellationToken)
    {
        if (!_incidents.TryGetValue(application.Id, out var incident))
        {
            incident = await reader.LoadOpenIncidentAsync(application.Id, cancellationToken);
            _incidents[application.Id] = incident;
        }

        return incident is { Status: IncidentStatuses.Open } ? incident : null;
    }

    /// <summary>
    /// Puts the application on hold with the events that could not be applied: a new incident, or the open one again
    /// (a retry that failed) with the new error.
    /// </summary>
    private void RaiseIncident(ApplicationRecord application, IncidentRecord? open, List<ParkedEvent> held, Exception error)
    {
        var stepId = (error as StepExecutionException)?.NodeId ?? (held[0].Event as StepReportEvent)?.StepId ?? (held[0].Event as TimerFiredEvent)?.NodeId;
        var message = Describe(error);
        var incident = open ?? new IncidentRecord
        {
            Id = Guid.CreateVersion7(now),
            ApplicationId = application.Id,
            Status = IncidentStatuses.Open,
            Error = message,
            ErrorType = error.GetType().Name,
            RaisedAt = now,
            UpdatedAt = now,
            Events = held,
        };
        if (open is not null)
        {
            incident.Attempts++;
            incident.Error = message;
            incident.ErrorType = error.GetType().Name;
            incident.UpdatedAt = now;
            incident.Events = held;
        }

        incident.StepId = stepId;
        application.Status = ApplicationStatuses.Incident;
        _incidents[application.Id] = incident;
        Changes.Incidents[incident.Id] = incident;
        Changes.Audit.Add(new AuditRecord(application.Id, now, open is null ? AuditTypes.IncidentRaised : "IncidentRetryFailed", stepId, null,
            Json(new Dictionary<string, string?> { ["incident"] = incident.Id.ToString(), ["error"] = message })));
    }

    private void Close(IncidentRecord incident, string status, string actor, string resolution)
    {
        incident.Status = status;
        incident.ResolvedAt = now;
        incident.ResolvedBy = actor;
        incident.Resolution = resolution;
        incident.UpdatedAt = now;
        Changes.Incidents[incident.Id] = incident;
    }

    /// <summary>The error as an administrator reads it: the innermost messages, at most 2,000 characters.</summary>
    private static string Describe(Exception error)
    {
        var parts = new List<string>();
        for (var e = error; e is not null && parts.Count < 4; e = e.InnerException)
        {
            parts.Add(e.Message);
        }

        var text = string.Join(" → ", parts.Distinct());
        return text.Length > 2000 ? text[..2000] : text;
    }

    /// <summary>
    /// Runs one event through the interpreter and absorbs its result; the error, instead of a change, when the
    /// definition would not load or an activity failed. Nothing of a failed event reaches the change set.
    /// </summary>
    private async Task<Exception?> RunAsync(ApplicationRecord application, WorkflowEvent evt, CancellationToken cancellationToken, EventWork? observer = null)
    {
        Absorbed absorbed;
        try
        {
            var definition = await definitions.GetAsync(application.ServiceId, application.ServiceVersion, cancellationToken);
            var result = evt is WorkflowStartedEvent started
                ? interpreter.Start(definition, DataOf(application, definition), CalendarOf(definition), now, started.Deferred)
                : interpreter.Apply(definition, application.State, DataOf(application, definition), evt, CalendarOf(definition), now);
            absorbed = await PrepareAsync(application, definition, result, cancellationToken);
            // A changed calendar or definition moves every due time without moving a clock's events.
            absorbed.ClocksMoved = evt is CalendarChangedEvent || _migrated.Contains(application.Id)
                || OpenClocks.Moved(application.State, result.State, result.ChangedNodes, definition, interpreter.Registry);
            if (observer is not null)
            {
                observer.Interpreted = new Interpretation(definition, application.State, result);
            }
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or OutOfMemoryException))
        {
            return ex;
        }

        Absorb(application, absorbed);
        return null;
    }

    private async Task StartAsync(ApplicationRecord application, CancellationToken cancellationToken)
    {
        application.Status = ApplicationStatuses.InProgress;
        application.AcceptedAt = now;
        _checklists.Remove(application.Id);
        var accepted = Changes.Audit.Count;
        Changes.Audit.Add(new AuditRecord(application.Id, now, "ApplicationAccepted", null, null, null));
        // 容缺: what it is accepted without gets its due time and reminder from the flow's start.
        var definition = await definitions.GetAsync(application.ServiceId, application.ServiceVersion, cancellationToken);
        var stored = await MaterialsAsync(application, cancellationToken);
        var deferred = MaterialChecklist.DeferredKeys(definition, stored, application.FormJson);
        var started = new WorkflowStartedEvent { Deferred = deferred.Length == 0 ? null : deferred };
        if (await RunAsync(application, started, cancellationToken) is { } error)
        {
            RaiseIncident(application, null, [new ParkedEvent(started, now)], error);
            return;
        }

        // The due time comes from the bundle's clock, which the flow's start has just started.
        Changes.Audit[accepted] = Changes.Audit[accepted] with
        {
            DataJson = Json(new Dictionary<string, string?> { ["dueAt"] = application.DueAt?.ToString("O", CultureInfo.InvariantCulture) }),
        };
    }

    private void MarkChanged(ApplicationRecord application)
    {
        if (!_inserted.Contains(application.Id))
        {
            _changed.Add(application.Id);
        }
    }

    /// <summary>Everything an interpreter result adds to the change set, built first, so that nothing is half added when building fails.</summary>
    private sealed class Absorbed
    {
        public required InstanceState State { get; init; }

        public List<StepRecord> Steps { get; } = [];

        public List<AuditRecord> Audit { get; } = [];

        public List<OutboxMessage> Outbox { get; } = [];

        public List<(TimerRecord? Scheduled, string TimerId)> Timers { get; } = [];

        public List<NotificationRecord> Notifications { get; } = [];

        public List<CertificateRecord> Certificates { get; } = [];

        public List<CertificateRevocation> CertificateRevocations { get; } = [];

        public List<StepComplianceRecord> Compliance { get; } = [];

        public CompleteApplication? Completion { get; set; }

        public List<RollupEntry> Rollup { get; } = [];

        /// <summary>The definition's calendar, on which a finished bundle's office time is counted.</summary>
        public required WorkingCalendar Calendar { get; init; }

        public required WorkflowDefinition Definition { get; init; }

        /// <summary>Whether the run may have moved the bundle's or a stage's clock: its open clock rows are written again.</summary>
        public bool ClocksMoved { get; set; }

        /// <summary>The bundle's due times derived from its clock; absent for an application started before clocks were kept.</summary>
        public (DateTimeOffset? Promised, DateTimeOffset? Statutory)? BundleDue { get; set; }
    }

    /// <summary>
    /// The clock an open step's row turns yellow and red on: the step's own while it runs; a verification task's (事后核查)
    /// from its dispatch, counted against the step's limits as its due times are (nothing pauses it).
    /// </summary>
    private static ClockTimeline? OpenClockOf(NodeState? state) => state switch
    {
        { Status: NodeStatus.Active, Clock.Count: > 0, Commitment: null } => ClockTimeline.Of(state.Clock),
        { Commitment: { Status: CommitmentStatus.Verifying, VerificationDispatchedAt: { } dispatched } } => ClockTimeline.Of([ClockEvent.Started(dispatched)]),
        _ => null,
    };

    private async Task<Absorbed> PrepareAsync(ApplicationRecord application, WorkflowDefinition definition, InterpretResult result, CancellationToken cancellationToken)
    {
        var absorbed = new Absorbed { State = result.State, Definition = definition, Calendar = CalendarOf(definition) };
        if (result.State.Clock is { Count: > 0 })
        {
            absorbed.BundleDue = ApplicationClocks.BundleDue(definition, result.State, CalendarOf(definition));
        }

        foreach (var nodeId in result.ChangedNodes)
        {
            var node = definition.Node(nodeId);
            var activity = interpreter.Registry.Get(node.ActivityKey);
            if (activity.Descriptor.Tracked)
            {
                var after = result.State.Find(nodeId);
                var step = StepProjection.From(application.Id, node, after);
                if (step.Status != StepStatuses.Pending && OpenClockOf(after) is { } timeline && activity.LimitOf(node) is { } limit)
                {
                    // When the step turns yellow and red against each limit, as its clock reads now (the cards' own turns):
                    // the statistics count the open steps past them.
                    var share = DeadlineWarnings.YellowShareOf(definition, node);
                    var statutory = node.StatutoryLimit is { } law ? ClockCards.Turns(timeline, law, CalendarOf(definition), share) : default;
                    step = step with
                    {
                        WarnAt = ClockCards.Turns(timeline, limit, CalendarOf(definition), share).YellowAt,
                        StatutoryWarnAt = statutory.YellowAt,
                        StatutoryDueAt = statutory.RedAt,
                    };
                }

                absorbed.Steps.Add(step);
                AddRollup(absorbed, application, application.State.Find(nodeId), after, node.StatutoryLimit, activity.PromisedLimitOf(node) is not null);
            }
        }

        foreach (var entry in result.Audit)
        {
            absorbed.Audit.Add(new AuditRecord(application.Id, entry.At, entry.Type, entry.StepId, entry.Actor, entry.Data is null ? null : Json(entry.Data)));
        }

        foreach (var command in result.Commands)
        {
            switch (command)
            {
                case DispatchStep dispatch:
                    absorbed.Outbox.Add(MessageJson.ToOutbox(
                        await ExecuteStepAsync(application, definition, dispatch, cancellationToken),
                        Queues.Department(dispatch.Department),
                        now));
                    break;
                case AnnounceSupplied supplied:
                    var stored = await MaterialsAsync(application, cancellationToken);
                    absorbed.Outbox.Add(MessageJson.ToOutbox(
                        new StepSupplemented
                        {
                            ApplicationId = application.Id,
                            StepId = supplied.StepId,
                            Attempt = supplied.Attempt,
                            Department = supplied.Department,
                            RequestId = supplied.RequestId,
                            Materials = supplied.Versions
                                .Select(v => stored.Single(m => MaterialVersionLabel.Format(m.MaterialKey, m.Version) == v))
                                .Select(m => new MaterialVersion
                                {
                                    Key = m.MaterialKey,
                                    Version = m.Version,
                                    Sha256 = m.Sha256,
                                    FileName = m.FileName,
                                    ContentType = m.ContentType,
                                    Size = m.Size,
                                    PhotoPages = m.PhotoPages,
                                    Download = DownloadOf(application.Id, m),
                                })
                                .ToArray(),
                            Form = supplied.Fields is { } fields ? FormAnswersOf(application, fields) : null,
                            SuppliedAt = now,
                            DueRevision = supplied.Revision,
                            DueAt = supplied.DueAt,
                            DueProvisional = ProvisionalDueMessages.Of(supplied.Provisional),
                            StatutoryDueAt = supplied.Statutory?.DueAt,
                            StatutoryDueProvisional = ProvisionalDueMessages.Of(supplied.Statutory?.Provisional),
                        },
                        Queues.Department(supplied.Department),
                        now));
                    break;
                case AnnounceMaterial arrived:
                    absorbed.Outbox.Add(MessageJson.ToOutbox(
                        new StepMaterialSupplied
                        {
                            ApplicationId = application.Id,
                            StepId = arrived.StepId,
                            Attempt = arrived.Attempt,
                            Department = arrived.Department,
                            Material = ReferenceOf(application.Id, definition, (await ChecklistAsync(application, definition, cancellationToken))[arrived.Material]),
                            SuppliedAt = now,
                        },
                        Queues.Department(arrived.Department),
                        now));
                    break;
                case RecallStep or AnnounceDue or AnnounceWarning or AnnounceEscalation or AnnounceSupplementRefused or AnnounceCommitmentRefused:
                    absorbed.Outbox.Add(DepartmentMessages.ToOutbox(command, application.Id, now, CalendarOf(definition).Version));
                    break;
                case ScheduleTimer timer:
                    absorbed.Timers.Add((new TimerRecord(application.Id, timer.TimerId, timer.NodeId, timer.DueAt), timer.TimerId));
                    break;
                case CancelTimer cancel:
                    absorbed.Timers.Add((null, cancel.TimerId));
                    break;
                case NotifyApplicant notify:
                    absorbed.Notifications.Add(new NotificationRecord(application.Id, now, notify.Kind, notify.Message, notify.MessageEn));
                    break;
                case IssueCertificates issue:
                    foreach (var certificate in issue.Certificates)
                    {
                        absorbed.Certificates.Add(new CertificateRecord(application.Id, issue.StepId, certificate.Name,
                            certificate.FromStep, JsonSerializer.Serialize(certificate.Details, StoredJson.Options), now));
                    }

                    break;
                case RevokeCertificates revoke:
                    absorbed.CertificateRevocations.Add(new CertificateRevocation(application.Id, revoke.Reason, now, revoke.ReasonEn));
                    break;
                case CompleteApplication complete:
                    absorbed.Completion = complete;
                    break;
                case RecordCompliance compliance:
                    absorbed.Compliance.Add(new StepComplianceRecord(
                        application.Id, compliance.StepId, compliance.Attempt, compliance.Department, application.ServiceId, compliance.DispatchedAt,
                        compliance.ReportedAt, compliance.Engine, compliance.Host, compliance.ReportedOnTime, compliance.Kinds)
                    {
                        SentAt = compliance.SentAt,
                    });
                    break;
            }
        }

        return absorbed;
    }

    /// <summary>
    /// What a department step's change adds to the compliance rollup: its decision (once per attempt), or the revocation
    /// of its approval on commitment.
    /// </summary>
    private static void AddRollup(
        Absorbed absorbed, ApplicationRecord application, NodeState? before, NodeState? after, WorkingTimeLimit? statutoryLimit, bool promised)
    {
        if (after is not { Department: { } department, CompletedAt: { } completed })
        {
            return;
        }

        var decided = after is { Status: NodeStatus.Completed, Outcome: not null };
        // The verification of an approval on commitment is the step's next attempt, yet not a decision on the
        // application: the approval it checks keeps its instant, and counts once.
        var same = before is { Status: NodeStatus.Completed } && before.CompletedAt == completed
            && (before.Attempt == after.Attempt || after.Commitment is not null);
        if (decided && !same)
        {
            // Against the step's statutory limit where the definition gives one, on the same clock as its promised one.
            var statutoryDueAt = statutoryLimit is { } statutory ? ClockArithmetic.DueAt(after.Clock, statutory, absorbed.Calendar) : null;
            absorbed.Rollup.Add(ComplianceRollup.Decided(application.ServiceId, after, absorbed.Calendar, statutoryDueAt, promised));
        }

        if (StepProjection.StatusOf(after) == StepStatuses.Revoked && StepProjection.StatusOf(before) != StepStatuses.Revoked)
        {
            absorbed.Rollup.Add(ComplianceRollup.Revoked(department, application.ServiceId, completed));
        }
    }

    private void Absorb(ApplicationRecord application, Absorbed absorbed)
    {
        application.State = absorbed.State;
        if (absorbed.BundleDue is { } due)
        {
            application.DueAt = due.Promised;
            application.StatutoryDueAt = due.Statutory;
        }

        foreach (var step in absorbed.Steps)
        {
            Changes.Steps[(application.Id, step.StepId)] = step;
        }

        Changes.Audit.AddRange(absorbed.Audit);
        Changes.Outbox.AddRange(absorbed.Outbox);
        foreach (var (scheduled, timerId) in absorbed.Timers)
        {
            if (scheduled is not null)
            {
                Changes.ScheduleTimer(scheduled);
            }
            else
            {
                Changes.RemoveTimer(application.Id, timerId);
            }
        }

        Changes.Notifications.AddRange(absorbed.Notifications);
        Changes.Certificates.AddRange(absorbed.Certificates);
        Changes.CertificateRevocations.AddRange(absorbed.CertificateRevocations);
        Changes.Compliance.AddRange(absorbed.Compliance);
        Changes.Rollup.AddRange(absorbed.Rollup);
        if (absorbed.Completion is { } complete)
        {
            var counted = application.Status;
            application.Status = complete.Status switch
            {
                WorkflowStatus.Completed => ApplicationStatuses.Completed,
                WorkflowStatus.Rejected => ApplicationStatuses.Rejected,
                WorkflowStatus.Withdrawn => ApplicationStatuses.Withdrawn,
                _ => ApplicationStatuses.Cancelled,
            };
            application.Reason = complete.Reason;
            application.ReasonEn = complete.ReasonEn;
            if (application.CompletedAt is null)
            {
                application.CompletedAt = now;
                // Against the promised due time, or the statutory one of a service held to that alone.
                application.OnTime = complete.Status is WorkflowStatus.Cancelled or WorkflowStatus.Withdrawn ? null
                    : (application.DueAt ?? application.StatutoryDueAt) is not { } finishBy || now <= finishBy;
                if (complete.Status is WorkflowStatus.Completed or WorkflowStatus.Rejected)
                {
                    Changes.Rollup.Add(ComplianceRollup.Finished(application, complete.Status == WorkflowStatus.Completed, now, absorbed.Calendar));
                }
            }
            else if (counted == ApplicationStatuses.Completed && application.Status != counted)
            {
                // An approval on commitment revoked after the bundle completed: its figures follow its new outcome.
                Changes.Rollup.Add(ComplianceRollup.Overturned(application, application.Status == ApplicationStatuses.Rejected, absorbed.Calendar));
            }
        }

        if (absorbed.ClocksMoved)
        {
            // Counted once the run's outcome is on the application: an application that ended keeps no open clock.
            Changes.Clocks[application.Id] = OpenClocks.Of(application, absorbed.Definition, interpreter.Registry, absorbed.Calendar);
        }
    }

    /// <summary>Every material of the application as a department reads it; once per application per batch, however many steps a parallel block dispatches.</summary>
    private async Task<Dictionary<string, MaterialStatus>> ChecklistAsync(ApplicationRecord application, WorkflowDefinition definition, CancellationToken cancellationToken)
    {
        if (!_checklists.TryGetValue(application.Id, out var checklist))
        {
            var stored = await MaterialsAsync(application, cancellationToken);
            checklist = MaterialChecklist.Of(definition, stored, application.FormJson, application.AcceptedAt, CalendarOf(definition), application.State.Deferred)
                .ToDictionary(m => m.Key, StringComparer.Ordinal);
            _checklists[application.Id] = checklist;
        }

        return checklist;
    }

    private static MaterialReference ReferenceOf(Guid applicationId, WorkflowDefinition definition, MaterialStatus m) => new()
    {
        Key = m.Key,
        Name = m.Name,
        NameEn = definition.FindMaterial(m.Key)?.Name.En,
        Status = m.Status,
        Version = m.File?.Version,
        FileName = m.File?.FileName,
        ContentType = m.File?.ContentType,
        Size = m.File?.Size,
        Sha256 = m.File?.Sha256,
        PhotoPages = m.File?.PhotoPages,
        Download = m.File is { } f ? DownloadOf(applicationId, f) : null,
        DueBy = ChinaTime.ToLocal(m.DueBy),
    };

    /// <summary>Where a department downloads this version of a material from the engine's API (the version's own id).</summary>
    private static string DownloadOf(Guid applicationId, MaterialRecord file) => $"/api/applications/{applicationId}/materials/{file.Id}";

    private async Task<ExecuteStep> ExecuteStepAsync(ApplicationRecord application, WorkflowDefinition definition, DispatchStep dispatch, CancellationToken cancellationToken)
    {
        var checklist = await ChecklistAsync(application, definition, cancellationToken);
        return new ExecuteStep
        {
            ApplicationId = application.Id,
            TrackingNumber = application.TrackingNumber,
            ServiceId = application.ServiceId,
            ServiceVersion = application.ServiceVersion,
            ServiceTitle = definition.Title.Zh,
            ServiceTitleEn = definition.Title.En,
            StepId = dispatch.StepId,
            Attempt = dispatch.Attempt,
            Department = dispatch.Department,
            Title = dispatch.Title.Zh,
            TitleEn = dispatch.Title.En,
            Handler = dispatch.Handler,
            Limit = dispatch.Limit.ToString(),
            LimitEn = dispatch.Limit.ToEnglish(),
            MaxExtensionHours = (decimal)CalendarOf(definition).OfficeTimeOf(dispatch.MaxExtension ?? ExtensionLimits.Default).TotalHours,
            WorkingDayHours = (decimal)CalendarOf(definition).OfficeTimeOf(WorkingTimeLimit.Days(1)).TotalHours,
            CalendarId = CalendarOf(definition).Id,
            CalendarVersion = CalendarOf(definition).Version,
            DispatchedAt = ChinaTime.ToLocal(dispatch.DispatchedAt),
            DueAt = ChinaTime.ToLocal(dispatch.DueAt),
            DueProvisional = ProvisionalDueMessages.Of(dispatch.Provisional),
            StatutoryLimit = dispatch.Statutory?.Limit.ToString(),
            StatutoryLimitEn = dispatch.Statutory?.Limit.ToEnglish(),
            StatutoryDueAt = ChinaTime.ToLocal(dispatch.Statutory?.DueAt),
            StatutoryDueProvisional = ProvisionalDueMessages.Of(dispatch.Statutory?.Provisional),
            SupplementBy = ChinaTime.ToLocal(definition.Supplements.RequestBy(CalendarOf(definition), dispatch.DispatchedAt)),
            MaxSupplementRequests = definition.Supplements.MaxRequestsOrDefault,
            ApplicantName = application.ApplicantName,
            Form = FormElementOf(application),
            FormRevision = application.State.FormRevision == 0 ? null : application.State.FormRevision,
            EarlierCorrections = EarlierCorrectionsOf(application.State),
            // Labels are for a clerk's page: a step its handler decides goes without them (they were 11 % of what a
            // 企业开办 bundle allocated, BENCHMARKS.md).
            FormLabels = dispatch.Handler is null ? FormLabelsOf(definition) : null,
            Materials = dispatch.Materials.Select(key => ReferenceOf(application.Id, definition, checklist[key])).ToArray(),
            Verification = dispatch.Verification is { } check
                ? new CommitmentVerification { Text = check.Text, SignedBy = check.SignedBy, SignedAt = ChinaTime.ToLocal(check.SignedAt) }
                : null,
            Commitment = dispatch is { Verification: null, Handler: null } ? OfferOf(definition, dispatch.StepId) : null,
        };
    }

    /// <summary>The commitment a step may be approved on (告知承诺制), for an applicant who signs it on paper at the window.</summary>
    private static CommitmentOffer? OfferOf(WorkflowDefinition definition, string stepId) =>
        definition.Nodes.TryGetValue(stepId, out var node) && (node.Settings as ICommitmentSettings)?.Commitment is { VerifyWithin: { } within } rules
            ? new CommitmentOffer { Text = rules.Text, TextSha256 = rules.TextSha256, VerifyWithin = within.ToString(), VerifyWithinEn = within.ToEnglish() }
            : null;

    /// <summary>The form's labels a step a clerk decides carries: worked out once per definition, not per dispatch.</summary>
    private static FormFieldLabel[] FormLabelsOf(WorkflowDefinition definition) =>
        FormLabels.GetValue(definition, d => d.Form.Select(f => new FormFieldLabel
        {
            Key = f.Key,
            Label = f.Label.Zh,
            LabelEn = f.Label.En,
            Options = f.Options.Count == 0 ? null : f.Options.Select(o => new FormOptionLabel { Value = o.Value, Label = o.Label.Zh, LabelEn = o.Label.En }).ToArray(),
        }).ToArray());

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<WorkflowDefinition, FormFieldLabel[]> FormLabels = new();

    private async Task<List<MaterialRecord>> MaterialsAsync(ApplicationRecord application, CancellationToken cancellationToken)
    {
        if (!_materials.TryGetValue(application.Id, out var materials))
        {
            materials = [.. await reader.LoadMaterialsAsync(application.Id, cancellationToken)];
            _materials[application.Id] = materials;
        }

        return materials;
    }

    /// <summary>The form's answers to <paramref name="fields"/> as they now stand, for a department's <see cref="StepSupplemented.Form"/>.</summary>
    private static FormAnswer[] FormAnswersOf(ApplicationRecord application, IReadOnlyList<string> fields)
    {
        var form = FormElement(application);
        return fields.Select(f => new FormAnswer
        {
            Key = f,
            Value = form.TryGetProperty(f, out var value) ? value.Clone() : JsonSerializer.SerializeToElement<object?>(null),
        }).ToArray();
    }

    /// <summary>The stored form for a step's message; one that is not a JSON object holds the application (<see cref="StoredForm.Unreadable"/>).</summary>
    private static JsonElement FormElement(ApplicationRecord application)
    {
        try
        {
            if (JsonSerializer.Deserialize<JsonElement>(application.FormJson) is { ValueKind: JsonValueKind.Object } form)
            {
                return form;
            }
        }
        catch (JsonException)
        {
        }

        throw StoredForm.Unreadable(application);
    }

    private ApplicationData DataOf(ApplicationRecord application, WorkflowDefinition definition)
    {
        if (!_data.TryGetValue(application.Id, out var data))
        {
            data = application.DataFor(definition);
            _data[application.Id] = data;
        }

        return data;
    }

    private WorkingCalendar CalendarOf(WorkflowDefinition definition) => reference.Calendar(definition.CalendarId);

    /// <summary>The form as a JSON element, parsed once per application per batch however many steps it dispatches.</summary>
    private JsonElement FormElementOf(ApplicationRecord application)
    {
        if (!_forms.TryGetValue(application.Id, out var form))
        {
            form = FormElement(application);
            _forms[application.Id] = form;
        }

        return form;
    }

    private static string Json(IReadOnlyDictionary<string, string?> data) => JsonSerializer.Serialize(data, StoredJson.Options);
}
