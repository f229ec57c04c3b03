using System.Diagnostics.Metrics;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Runtime.Monitoring;
using WorkflowEngine.Runtime.Stores;

namespace WorkflowEngine.Runtime.Processing;

/// <summary>
/// What the engine committed, on the <c>WorkflowEngine</c> meter: for dashboards (OpenTelemetry, dotnet-counters) and
/// for the benchmark, which waits on it instead of polling the database. Counted from the audit lines a batch wrote,
/// after the batch committed, so a rolled-back batch counts nothing.
/// </summary>
public sealed class EngineMetrics
{
    public const string MeterName = "WorkflowEngine";

    private readonly Counter<long> _submitted;
    private readonly Counter<long> _finished;
    private readonly Counter<long> _stepsDecided;
    private readonly Histogram<int> _batchSize;
    private readonly Counter<long> _incidents;
    private readonly Counter<long> _resent;
    private StuckWorkCounts _stuck = StuckWorkCounts.None;

    public EngineMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _submitted = meter.CreateCounter<long>("workflow.applications.submitted", "{application}", "Applications accepted for processing.");
        _finished = meter.CreateCounter<long>("workflow.applications.finished", "{application}", "Applications that reached their end, by outcome (completed or rejected).");
        _stepsDecided = meter.CreateCounter<long>("workflow.steps.decided", "{step}", "Steps an applicant sees decided (department steps, certificate issuance), by outcome.");
        _batchSize = meter.CreateHistogram<int>("workflow.engine.batch.size", "{item}", "Work items committed together in one engine transaction.");
        _incidents = meter.CreateCounter<long>("workflow.incidents.raised", "{incident}", "Errors while executing an application, each holding it for an administrator.");
        _resent = meter.CreateCounter<long>("workflow.steps.resent", "{step}", "Steps sent to their department again, by reason (unacknowledged, probe).");
        meter.CreateObservableGauge("workflow.stuck", () => new[]
        {
            new Measurement<int>(_stuck.UnacknowledgedSteps, new KeyValuePair<string, object?>("kind", "unacknowledged-steps")),
            new Measurement<int>(_stuck.OverdueOutbox, new KeyValuePair<string, object?>("kind", "overdue-outbox")),
            new Measurement<int>(_stuck.OpenIncidents, new KeyValuePair<string, object?>("kind", "open-incidents")),
            new Measurement<int>(_stuck.FailedMessages, new KeyValuePair<string, object?>("kind", "failed-messages")),
        }, "{item}", "What was stuck at the last check; /health is degraded while any is above zero.");
    }

    /// <summary>What the last stuck-work check found.</summary>
    public void Stuck(StuckWorkCounts counts) => _stuck = counts;

    public void Resent(string reason) => _resent.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Committed(EngineChanges changes, int items)
    {
        _batchSize.Record(items);
        foreach (var line in changes.Audit)
        {
            switch (line.Type)
            {
                case AuditTypes.ApplicationSubmitted:
                    _submitted.Add(1);
                    break;
                case AuditTypes.ApplicationCompleted:
                    _finished.Add(1, new KeyValuePair<string, object?>("outcome", "completed"));
                    break;
                case AuditTypes.ApplicationRejected:
                    _finished.Add(1, new KeyValuePair<string, object?>("outcome", "rejected"));
                    break;
                case AuditTypes.IncidentRaised:
                    _incidents.Add(1);
                    break;
                case AuditTypes.StepApproved:
                    _stepsDecided.Add(1, new KeyValuePair<string, object?>("outcome", "approved"));
                    break;
                case AuditTypes.StepRejected:
                    _stepsDecided.Add(1, new KeyValuePair<string, object?>("outcome", "rejected"));
                    break;
            }
        }
    }
}
