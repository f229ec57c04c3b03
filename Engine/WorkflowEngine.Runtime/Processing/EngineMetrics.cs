using System.Diagnostics.Metrics;
using WorkflowEngine.Core.Execution;
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

    public EngineMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _submitted = meter.CreateCounter<long>("workflow.applications.submitted", "{application}", "Applications accepted for processing.");
        _finished = meter.CreateCounter<long>("workflow.applications.finished", "{application}", "Applications that reached their end, by outcome (completed or rejected).");
        _stepsDecided = meter.CreateCounter<long>("workflow.steps.decided", "{step}", "Steps an applicant sees decided (department steps, certificate issuance), by outcome.");
        _batchSize = meter.CreateHistogram<int>("workflow.engine.batch.size", "{item}", "Work items committed together in one engine transaction.");
    }

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
