using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Definitions;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Definitions;
using WorkflowEngine.Runtime.Incidents;
using WorkflowEngine.Runtime.Monitoring;
using WorkflowEngine.Runtime.Notifications;
using WorkflowEngine.Runtime.Outbox;
using WorkflowEngine.Runtime.Ratings;
using WorkflowEngine.Runtime.Stores;
using WorkflowEngine.Runtime.Timers;

namespace WorkflowEngine.Runtime.Processing;

/// <summary>
/// The imperative shell of the engine. Every change to an application goes through here: loaded, run through the
/// interpreter, and written — state, steps, audit, timers, outbox, inbox — in one transaction, many at a time.
/// Applications are spread over several commit loops by id: an application always goes to the same loop, so two
/// loops never change one application at once, and one loop's batch is read and interpreted while another's is
/// written.
/// </summary>
public sealed class EngineProcessor : IAsyncDisposable
{
    private readonly IEngineStore _store;
    private readonly DefinitionRegistry _definitions;
    private readonly WorkflowInterpreter _interpreter;
    private readonly ReferenceData _reference;
    private readonly TimeProvider _time;
    private readonly TimerSignal _timers;
    private readonly DeliveryReceipts _receipts;
    private readonly IWaitingSteps _waiting;
    private readonly CommittedApplications _committed;
    private readonly ILogger<EngineProcessor> _logger;
    private readonly EngineMetrics _metrics;
    private readonly CommitLoops<EngineWork> _loops;
    private readonly ApplicantMessages? _messages;

    public EngineProcessor(
        IEngineStore store,
        DefinitionRegistry definitions,
        WorkflowInterpreter interpreter,
        ReferenceData reference,
        TimeProvider time,
        TimerSignal timers,
        DeliveryReceipts receipts,
        IWaitingSteps waiting,
        IOptions<EngineOptions> options,
        EngineMetrics metrics,
        ILogger<EngineProcessor> logger,
        ApplicantMessages? messages = null)
    {
        _messages = messages is { Enabled: true } ? messages : null;
        _store = store;
        _definitions = definitions;
        _interpreter = interpreter;
        _reference = reference;
        _time = time;
        _timers = timers;
        _receipts = receipts;
        _waiting = waiting;
        _logger = logger;
        _metrics = metrics;
        _committed = new CommittedApplications(options.Value.StateCacheSize);
        _loops = new CommitLoops<EngineWork>("engine", options.Value.EngineLoops, options.Value.MaxBatch, options.Value.QueueCapacity, RunBatchAsync, logger);
    }

    public long Batches => _loops.Batches;

    public long Items => _loops.Items;

    public int Loops => _loops.Count;

    /// <summary>The loops' busy time added up: up to <see cref="Loops"/> times the wall time.</summary>
    public TimeSpan BusyTime => _loops.BusyTime;

    public Task<ApplicationRecord> SubmitAsync(ApplicationRecord application, IReadOnlyList<MaterialRecord> materials, CancellationToken cancellationToken) =>
        SubmitAsync(application, materials, null, cancellationToken);

    /// <summary>Submits; with <paramref name="intake"/> the window staff member is the audit's actor, and the walk-in's identity is in its line.</summary>
    public async Task<ApplicationRecord> SubmitAsync(
        ApplicationRecord application, IReadOnlyList<MaterialRecord> materials, WalkInIntake? intake, CancellationToken cancellationToken) =>
        (ApplicationRecord)(await _loops.SubmitAsync(application.Id, new SubmitWork(application, materials, intake), cancellationToken))!;

    public Task<AttachMaterialsResult> AttachMaterialsAsync(
        Guid applicationId, IReadOnlyList<MaterialRecord> materials, ApplicantActor actor, CancellationToken cancellationToken) =>
        AttachMaterialsAsync(applicationId, materials, null, actor, cancellationToken);

    /// <summary>Attaches materials and, with them, the form's answers open supplement requests asked to correct (<paramref name="corrections"/>).</summary>
    public async Task<AttachMaterialsResult> AttachMaterialsAsync(
        Guid applicationId, IReadOnlyList<MaterialRecord> materials, IReadOnlyDictionary<string, System.Text.Json.Nodes.JsonNode?>? corrections, ApplicantActor actor,
        CancellationToken cancellationToken)
    {
        try
        {
            var work = new AttachMaterialsWork(applicationId, materials, actor) { Corrections = corrections };
            return (AttachMaterialsResult)(await _loops.SubmitAsync(applicationId, work, cancellationToken))!;
        }
        catch (UnknownApplicationException)
        {
            return new AttachMaterialsResult(null, []);
        }
    }

    /// <summary>Applies an event; a message id seen before makes it a no-op (<see cref="EventResult.Duplicate"/>).</summary>
    public async Task<EventResult> ApplyAsync(Guid applicationId, WorkflowEvent evt, string? messageId, CancellationToken cancellationToken) =>
        (EventResult)(await _loops.SubmitAsync(applicationId, new EventWork(applicationId, evt, messageId), cancellationToken))!;

    /// <summary>
    /// Applies an event and returns what the interpreter made of it, as committed; null when it was not run (held behind
    /// an incident) or failed (an incident now).
    /// </summary>
    public async Task<Interpretation?> ApplyObservedAsync(Guid applicationId, WorkflowEvent evt, CancellationToken cancellationToken)
    {
        var work = new EventWork(applicationId, evt, null) { Observe = true };
        await _loops.SubmitAsync(applicationId, work, cancellationToken);
        return work.Interpreted;
    }

    /// <summary>Writes a read of the application's personal data into its audit trail; false when there is no such application.</summary>
    public async Task<bool> RecordAccessAsync(Guid applicationId, string actor, string what, IReadOnlyDictionary<string, string?>? detail, CancellationToken cancellationToken)
    {
        try
        {
            await _loops.SubmitAsync(applicationId, new RecordAccessWork(applicationId, actor, what, detail), cancellationToken);
            return true;
        }
        catch (UnknownApplicationException)
        {
            return false;
        }
    }

    /// <summary>
    /// Stores a walk-in's new query code hash in place of the old one, with its audit line, in one transaction of the
    /// application's commit loop (so under its optimistic version, as any other change); the application as saved, or
    /// null when there is none or it was made online.
    /// </summary>
    public async Task<ApplicationRecord?> ReissueQueryCodeAsync(
        Guid applicationId, string queryCodeSha256, string actor, IReadOnlyDictionary<string, string?> detail, CancellationToken cancellationToken)
    {
        try
        {
            return (ApplicationRecord?)await _loops.SubmitAsync(applicationId, new ReissueQueryCodeWork(applicationId, queryCodeSha256, actor, detail), cancellationToken);
        }
        catch (UnknownApplicationException)
        {
            return null;
        }
    }

    /// <summary>
    /// Changes the language the applicant is written to in, with its audit line, in one transaction of the application's
    /// commit loop; the application as saved, or null when there is none. A language other than <see cref="ApplicantLanguages.All"/> is refused.
    /// </summary>
    public async Task<ApplicationRecord?> ChangeLanguageAsync(
        Guid applicationId, string language, ApplicantActor actor, CancellationToken cancellationToken)
    {
        if (!ApplicantLanguages.IsKnown(language))
        {
            throw new ArgumentOutOfRangeException(nameof(language), language, $"An applicant's language is one of {string.Join(", ", ApplicantLanguages.All)}.");
        }

        try
        {
            return (ApplicationRecord?)await _loops.SubmitAsync(applicationId, new ChangeLanguageWork(applicationId, language, actor), cancellationToken);
        }
        catch (UnknownApplicationException)
        {
            return null;
        }
    }

    /// <summary>
    /// Stores the rating (好差评) with its audit line in one transaction of the application's commit loop; the rating as
    /// stored, or null when the application is rated already or there is no such application.
    /// </summary>
    public async Task<RatingRecord?> RateAsync(RatingRecord rating, IReadOnlyDictionary<string, string?> detail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rating);
        try
        {
            return (RatingRecord?)await _loops.SubmitAsync(rating.ApplicationId, new RateWork(rating, detail), cancellationToken);
        }
        catch (UnknownApplicationException)
        {
            return null;
        }
    }

    /// <summary>
    /// Stores ratings of single decided steps (一事一评) given on their own, each with its audit line, in one transaction
    /// of the application's commit loop; the steps as stored (with their rater and time), or null when one of the steps
    /// is rated already or there is no such application.
    /// </summary>
    public async Task<IReadOnlyList<StepRatingRecord>?> RateStepsAsync(
        Guid applicationId, IReadOnlyList<StepRatingRecord> steps, ApplicantActor actor, CancellationToken cancellationToken)
    {
        try
        {
            return (IReadOnlyList<StepRatingRecord>?)await _loops.SubmitAsync(applicationId, new RateStepsWork(applicationId, steps, actor), cancellationToken);
        }
        catch (UnknownApplicationException)
        {
            return null;
        }
    }

    /// <summary>
    /// Records the follow-up (整改) of the application's rating, or of its rating of <paramref name="step"/>, with its audit line in one transaction; the follow-up as
    /// stored, or null when there is no rating to follow up (any more).
    /// </summary>
    public async Task<RatingFollowUp?> FollowUpRatingAsync(Guid applicationId, string note, string administrator, string? step, CancellationToken cancellationToken)
    {
        try
        {
            return (RatingFollowUp?)await _loops.SubmitAsync(applicationId, new FollowUpRatingWork(applicationId, note, administrator, step), cancellationToken);
        }
        catch (UnknownApplicationException)
        {
            return null;
        }
    }

    /// <summary>An administrator retries or cancels the application held by an incident.</summary>
    public async Task<IncidentActionResult> ResolveIncidentAsync(
        Guid applicationId, Guid incidentId, IncidentAction action, int? migrateToVersion, string actor, string? reason, CancellationToken cancellationToken)
    {
        try
        {
            return (IncidentActionResult)(await _loops.SubmitAsync(
                applicationId, new ResolveIncidentWork(applicationId, incidentId, action, migrateToVersion, actor, reason), cancellationToken))!;
        }
        catch (UnknownApplicationException)
        {
            return IncidentActionResult.NotFound("没有这个申请");
        }
    }

    private async Task RunBatchAsync(IReadOnlyList<EngineWork> batch, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        EngineBatch work;
        var results = new object?[batch.Count];
        await using (var reader = await _store.OpenReaderAsync(cancellationToken))
        {
            work = new EngineBatch(reader, _definitions, _interpreter, _reference, _committed, now);
            await work.LoadAsync(batch, cancellationToken);
            for (var i = 0; i < batch.Count; i++)
            {
                try
                {
                    results[i] = batch[i] switch
                    {
                        SubmitWork submit => await work.SubmitAsync(submit, cancellationToken),
                        EventWork evt => await work.ApplyAsync(evt, cancellationToken),
                        AttachMaterialsWork attach => await work.AttachAsync(attach, cancellationToken),
                        ResolveIncidentWork resolve => await work.ResolveAsync(resolve, cancellationToken),
                        RecordAccessWork access => work.RecordAccess(access),
                        ReissueQueryCodeWork reissue => work.ReissueQueryCode(reissue),
                        ChangeLanguageWork change => work.ChangeLanguage(change),
                        RateWork rate => work.Rate(rate),
                        RateStepsWork rateSteps => work.RateSteps(rateSteps),
                        FollowUpRatingWork followUp => work.FollowUpRating(followUp),
                        _ => throw new InvalidOperationException($"Unknown work {batch[i].GetType().Name}."),
                    };
                }
                catch (UnknownApplicationException ex)
                {
                    // Thrown before the item changed anything: it alone fails, the rest of the batch commits.
                    results[i] = new ItemFailure(ex);
                }
            }
        }

        work.Seal();
        if (_messages is not null)
        {
            await work.AddDeliveriesAsync(_messages, cancellationToken);
        }
        if (!work.Changes.IsEmpty)
        {
            try
            {
                await _store.SaveAsync(work.Changes, now, cancellationToken);
            }
            catch
            {
                // Perhaps another process moved one of these on: the next try reads them from the database.
                _committed.Forget(batch.Select(w => w.ApplicationId));
                throw;
            }

            _committed.Committed(work.Changes.Inserted.Concat(work.Changes.Updated));
            _waiting.Committed(work.Changes.Steps.Values);
            _metrics.Committed(work.Changes, batch.Count);
        }

        var received = new List<string>();
        for (var i = 0; i < batch.Count; i++)
        {
            if (results[i] is ItemFailure failure)
            {
                batch[i].Fail(failure.Error);
                continue;
            }

            batch[i].Succeed(results[i]);
            if (batch[i] is EventWork { MessageId: { } messageId })
            {
                received.Add(messageId);
            }
        }

        // Committed, or consumed before: either way the sender's outbox row may go.
        _receipts.Received(received);
        if (work.Changes.ScheduledAnyTimer)
        {
            _timers.Notify();
        }
    }

    public ValueTask DisposeAsync() => _loops.DisposeAsync();

    private sealed record ItemFailure(Exception Error);
}
