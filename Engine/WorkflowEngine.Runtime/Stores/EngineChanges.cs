using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Compliance;
using WorkflowEngine.Runtime.Incidents;
using WorkflowEngine.Runtime.Notifications;
using WorkflowEngine.Runtime.Outbox;
using WorkflowEngine.Runtime.Ratings;
using WorkflowEngine.Runtime.Statistics;
using WorkflowEngine.Runtime.Timers;

namespace WorkflowEngine.Runtime.Stores;

/// <summary>Everything one engine batch writes, in one transaction.</summary>
public sealed class EngineChanges
{
    public List<ApplicationRecord> Inserted { get; } = [];

    /// <summary>Applications changed; each still carries the version it was read at, which the write checks.</summary>
    public List<ApplicationRecord> Updated { get; } = [];

    /// <summary>Step rows by (application, step): a step changed by several events of one batch is written once, as it ended up.</summary>
    public Dictionary<(Guid ApplicationId, string StepId), StepRecord> Steps { get; } = [];

    public List<AuditRecord> Audit { get; } = [];

    /// <summary>The net effect on timers: the timer as scheduled last, or null where it was cancelled (or fired) last.</summary>
    public Dictionary<(Guid ApplicationId, string TimerId), TimerRecord?> Timers { get; } = [];

    public List<OutboxMessage> Outbox { get; } = [];

    /// <summary>Ids of the messages this batch consumed, for the inbox.</summary>
    public List<string> Inbox { get; } = [];

    public List<NotificationRecord> Notifications { get; } = [];

    /// <summary>The e-mails and SMS that carry <see cref="Notifications"/> to applicants with a contact, for the notification relay.</summary>
    public List<NotificationDelivery> Deliveries { get; } = [];

    public List<CertificateRecord> Certificates { get; } = [];

    /// <summary>Applications whose certificates become void, written after the batch's new certificates.</summary>
    public List<CertificateRevocation> CertificateRevocations { get; } = [];

    public List<MaterialRecord> Materials { get; } = [];

    /// <summary>Applications whose form answers a supplement request (补正) corrected: their whole form as it now stands.</summary>
    public Dictionary<Guid, string> Forms { get; } = [];

    /// <summary>Both views of the compliance of each department step decided in the batch, agreeing or not.</summary>
    public List<StepComplianceRecord> Compliance { get; } = [];

    /// <summary>What the batch's finishes add to the compliance rollup (decided steps, finished bundles, revoked approvals).</summary>
    public List<RollupEntry> Rollup { get; } = [];

    /// <summary>Incidents raised or changed (events held, retried, resolved), each written as it ended up.</summary>
    public Dictionary<Guid, IncidentRecord> Incidents { get; } = [];

    /// <summary>
    /// The open bundle and stage clocks of each application whose clocks the batch may have moved, as they ended up
    /// (none for an application that ended): they replace the application's stored ones.
    /// </summary>
    public Dictionary<Guid, IReadOnlyList<OpenClockRecord>> Clocks { get; } = [];

    /// <summary>Ratings (好差评) given, each with its <see cref="Audit"/> line: at most one per application, which the write guards.</summary>
    public List<RatingRecord> Ratings { get; } = [];

    /// <summary>
    /// Ratings of single steps (一事一评) given on their own, before, without or after their application's rating, each
    /// with its <see cref="Audit"/> line and the application's tracking number and service (the list and the service's
    /// satisfaction read them without an overall rating): once per step, which the batch checks on the application's version.
    /// </summary>
    public List<(Guid ApplicationId, string TrackingNumber, string ServiceId, StepRatingRecord Step)> StepRatings { get; } = [];

    /// <summary>Follow-ups (整改) of bad ratings, each with its <see cref="Audit"/> line: once per rating, which the write guards.</summary>
    public List<RatingFollowUp> RatingFollowUps { get; } = [];

    public void ScheduleTimer(TimerRecord timer) => Timers[(timer.ApplicationId, timer.TimerId)] = timer;

    public void RemoveTimer(Guid applicationId, string timerId) => Timers[(applicationId, timerId)] = null;

    public bool ScheduledAnyTimer => Timers.Values.Any(t => t is not null);

    public bool IsEmpty => Inserted.Count + Updated.Count + Steps.Count + Audit.Count + Timers.Count
        + Outbox.Count + Inbox.Count + Notifications.Count + Deliveries.Count + Certificates.Count + CertificateRevocations.Count + Materials.Count + Forms.Count + Compliance.Count + Rollup.Count + Incidents.Count + Clocks.Count
        + Ratings.Count + StepRatings.Count + RatingFollowUps.Count == 0;
}
