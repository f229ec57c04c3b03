using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowEngine.Contracts;
using WorkflowEngine.Core.Calendars;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Forms;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Definitions;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Definitions;
using WorkflowEngine.Runtime.Outbox;
using WorkflowEngine.Runtime.Stores;
using WorkflowEngine.Runtime.Timers;

namespace WorkflowEngine.Runtime.Processing;

/// <summary>
/// One engine transaction: loads what the batch touches, runs each item through the interpreter in order, and turns
/// the interpreter's commands into rows (outbox, timers, notifications, step rows, audit) of a single change set.
/// </summary>
internal sealed class EngineBatch(
    IEngineReader reader,
    DefinitionRegistry definitions,
    WorkflowInterpreter interpreter,
    ReferenceData reference,
    CommittedApplications committed,
    DateTimeOffset now)
{
    private readonly Dictionary<Guid, ApplicationRecord> _applications = [];
    private readonly HashSet<Guid> _inserted = [];
    private readonly HashSet<Guid> _changed = [];
    private readonly Dictionary<Guid, List<MaterialRecord>> _materials = [];
    private readonly Dictionary<Guid, ApplicationData> _data = [];
    private readonly Dictionary<Guid, JsonElement> _forms = [];
    private readonly Dictionary<Guid, Dictionary<string, MaterialStatus>> _checklists = [];
    private readonly HashSet<string> _consumed = new(StringComparer.Ordinal);

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
    }

    public async Task<object?> SubmitAsync(SubmitWork work, CancellationToken cancellationToken)
    {
        var application = work.Application;
        _applications[application.Id] = application;
        _inserted.Add(application.Id);
        _materials[application.Id] = [.. work.Materials];
        Changes.Materials.AddRange(work.Materials);
        Changes.Audit.Add(new AuditRecord(application.Id, now, AuditTypes.ApplicationSubmitted, null, application.ApplicantId,
            Json(new Dictionary<string, string?> { ["service"] = $"{application.ServiceId}@v{application.ServiceVersion}" })));
        if (application.Status == ApplicationStatuses.InProgress)
        {
            await StartAsync(application, cancellationToken);
        }

        return application;
    }

    public async Task<object?> AttachAsync(AttachMaterialsWork work, CancellationToken cancellationToken)
    {
        if (!_applications.TryGetValue(work.ApplicationId, out var application))
        {
            throw new UnknownApplicationException(work.ApplicationId);
        }

        var materials = await MaterialsAsync(application, cancellationToken);
        _checklists.Remove(application.Id);
        materials.AddRange(work.Materials);
        Changes.Materials.AddRange(work.Materials);
        foreach (var material in work.Materials)
        {
            Changes.Audit.Add(new AuditRecord(application.Id, now, "MaterialUploaded", null, application.ApplicantId,
                Json(new Dictionary<string, string?> { ["material"] = material.MaterialKey, ["sha256"] = material.Sha256 })));
        }

        if (application.Status == ApplicationStatuses.AwaitingMaterials)
        {
            var definition = await definitions.GetAsync(application.ServiceId, application.ServiceVersion, cancellationToken);
            if (MaterialChecklist.ReadyToAccept(definition, materials))
            {
                await StartAsync(application, cancellationToken);
            }
        }

        MarkChanged(application);
        return application;
    }

    public async Task<object?> ApplyAsync(EventWork work, CancellationToken cancellationToken)
    {
        if (work.MessageId is { } messageId && !_consumed.Add(messageId))
        {
            return EventResult.Duplicate;
        }

        if (!_applications.TryGetValue(work.ApplicationId, out var application))
        {
            throw new UnknownApplicationException(work.ApplicationId);
        }

        var definition = await definitions.GetAsync(application.ServiceId, application.ServiceVersion, cancellationToken);
        var result = interpreter.Apply(definition, application.State, DataOf(application, definition), work.Event, CalendarOf(definition), now);
        await AbsorbAsync(application, definition, result, cancellationToken);
        if (work.Event is TimerFiredEvent fired)
        {
            Changes.RemoveTimer(application.Id, fired.TimerId);
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

    private async Task StartAsync(ApplicationRecord application, CancellationToken cancellationToken)
    {
        var definition = await definitions.GetAsync(application.ServiceId, application.ServiceVersion, cancellationToken);
        var calendar = CalendarOf(definition);
        application.Status = ApplicationStatuses.InProgress;
        application.AcceptedAt = now;
        _checklists.Remove(application.Id);
        application.DueAt = definition.Limits.Promised is { } promised ? calendar.Add(now, promised) : null;
        application.StatutoryDueAt = definition.Limits.Statutory is { } statutory ? calendar.Add(now, statutory) : null;
        Changes.Audit.Add(new AuditRecord(application.Id, now, "ApplicationAccepted", null, null,
            Json(new Dictionary<string, string?> { ["dueAt"] = application.DueAt?.ToString("O", CultureInfo.InvariantCulture) })));
        var result = interpreter.Start(definition, DataOf(application, definition), calendar, now);
        await AbsorbAsync(application, definition, result, cancellationToken);
    }

    private void MarkChanged(ApplicationRecord application)
    {
        if (!_inserted.Contains(application.Id))
        {
            _changed.Add(application.Id);
        }
    }

    private async Task AbsorbAsync(ApplicationRecord application, WorkflowDefinition definition, InterpretResult result, CancellationToken cancellationToken)
    {
        application.State = result.State;
        foreach (var nodeId in result.ChangedNodes)
        {
            var node = definition.Node(nodeId);
            if (interpreter.Registry.Get(node.ActivityKey).Descriptor.Tracked)
            {
                Changes.Steps[(application.Id, nodeId)] = StepProjection.From(application.Id, node, result.State.Find(nodeId));
            }
        }

        foreach (var entry in result.Audit)
        {
            Changes.Audit.Add(new AuditRecord(application.Id, entry.At, entry.Type, entry.StepId, entry.Actor, entry.Data is null ? null : Json(entry.Data)));
        }

        foreach (var command in result.Commands)
        {
            switch (command)
            {
                case DispatchStep dispatch:
                    Changes.Outbox.Add(MessageJson.ToOutbox(
                        await ExecuteStepAsync(application, definition, dispatch, cancellationToken),
                        Queues.Department(dispatch.Department),
                        now));
                    break;
                case RecallStep recall:
                    Changes.Outbox.Add(MessageJson.ToOutbox(
                        new CancelStep
                        {
                            ApplicationId = application.Id,
                            StepId = recall.StepId,
                            Attempt = recall.Attempt,
                            Department = recall.Department,
                            Reason = recall.Reason,
                            CancelledAt = now,
                        },
                        Queues.Department(recall.Department),
                        now));
                    break;
                case ScheduleTimer timer:
                    Changes.ScheduleTimer(new TimerRecord(application.Id, timer.TimerId, timer.NodeId, timer.DueAt));
                    break;
                case CancelTimer cancel:
                    Changes.RemoveTimer(application.Id, cancel.TimerId);
                    break;
                case NotifyApplicant notify:
                    Changes.Notifications.Add(new NotificationRecord(application.Id, now, notify.Kind, notify.Message));
                    break;
                case IssueCertificates issue:
                    foreach (var certificate in issue.Certificates)
                    {
                        Changes.Certificates.Add(new CertificateRecord(application.Id, issue.StepId, certificate.Name,
                            certificate.FromStep, JsonSerializer.Serialize(certificate.Details, StoredJson.Options), now));
                    }

                    break;
                case CompleteApplication complete:
                    application.Status = complete.Status switch
                    {
                        WorkflowStatus.Completed => ApplicationStatuses.Completed,
                        WorkflowStatus.Rejected => ApplicationStatuses.Rejected,
                        _ => ApplicationStatuses.Cancelled,
                    };
                    application.CompletedAt = now;
                    application.Reason = complete.Reason;
                    application.OnTime = application.DueAt is null || now <= application.DueAt;
                    break;
            }
        }
    }

    private async Task<ExecuteStep> ExecuteStepAsync(ApplicationRecord application, WorkflowDefinition definition, DispatchStep dispatch, CancellationToken cancellationToken)
    {
        if (!_checklists.TryGetValue(application.Id, out var checklist))
        {
            // Once per application per batch, however many steps a parallel block dispatches.
            var stored = await MaterialsAsync(application, cancellationToken);
            checklist = MaterialChecklist.Of(definition, stored, application.AcceptedAt, CalendarOf(definition))
                .ToDictionary(m => m.Key, StringComparer.Ordinal);
            _checklists[application.Id] = checklist;
        }

        return new ExecuteStep
        {
            ApplicationId = application.Id,
            TrackingNumber = application.TrackingNumber,
            ServiceId = application.ServiceId,
            ServiceVersion = application.ServiceVersion,
            ServiceTitle = definition.Title.Zh,
            StepId = dispatch.StepId,
            Attempt = dispatch.Attempt,
            Department = dispatch.Department,
            Title = dispatch.Title.Zh,
            Handler = dispatch.Handler,
            Limit = dispatch.Limit.ToString(),
            DispatchedAt = ChinaTime.ToLocal(dispatch.DispatchedAt),
            DueAt = ChinaTime.ToLocal(dispatch.DueAt),
            ApplicantName = application.ApplicantName,
            Form = FormElementOf(application),
            Materials = dispatch.Materials.Select(key => checklist[key]).Select(m => new MaterialReference
            {
                Key = m.Key,
                Name = m.Name,
                Status = m.Status,
                FileName = m.File?.FileName,
                ContentType = m.File?.ContentType,
                Size = m.File?.Size,
                Sha256 = m.File?.Sha256,
                Download = m.File is { } f ? $"/api/applications/{application.Id}/materials/{f.Id}" : null,
                DueBy = ChinaTime.ToLocal(m.DueBy),
            }).ToArray(),
        };
    }

    private async Task<List<MaterialRecord>> MaterialsAsync(ApplicationRecord application, CancellationToken cancellationToken)
    {
        if (!_materials.TryGetValue(application.Id, out var materials))
        {
            materials = [.. await reader.LoadMaterialsAsync(application.Id, cancellationToken)];
            _materials[application.Id] = materials;
        }

        return materials;
    }

    private ApplicationData DataOf(ApplicationRecord application, WorkflowDefinition definition)
    {
        if (!_data.TryGetValue(application.Id, out var data))
        {
            data = new ApplicationData(
                application.Id,
                application.TrackingNumber,
                () => FormValues.ForConditions(definition, JsonNode.Parse(application.FormJson) as JsonObject));
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
            form = JsonSerializer.Deserialize<JsonElement>(application.FormJson);
            _forms[application.Id] = form;
        }

        return form;
    }

    private static string Json(IReadOnlyDictionary<string, string?> data) => JsonSerializer.Serialize(data, StoredJson.Options);
}
