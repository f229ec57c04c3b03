using WorkflowEngine.Core.Clocks;

namespace WorkflowEngine.Core.Execution;

/// <summary>Everything the interpreter knows about one running application; persisted between events, never kept in memory.</summary>
public sealed class InstanceState
{
    public WorkflowStatus Status { get; set; } = WorkflowStatus.Running;

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public string? Reason { get; set; }

    /// <summary><see cref="Reason"/> in English, for a reader of the English pages (absent from states written before).</summary>
    public string? ReasonEn { get; set; }

    /// <summary>The log of the bundle's clock, started at acceptance: where the application's due times come from.</summary>
    public List<ClockEvent>? Clock { get; set; }

    public Dictionary<string, NodeState> Nodes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The yellow and red cards given so far, each once per clock, limit and level.</summary>
    public List<FiredWarning>? Warnings { get; set; }

    /// <summary>The escalation rules applied so far (升级督办), each once per clock and rule.</summary>
    public List<FiredEscalation>? Escalations { get; set; }

    /// <summary>When the next card or escalation not yet given comes due, as of the last look: the deadline-warnings timer's time.</summary>
    public DateTimeOffset? NextWarningAt { get; set; }

    /// <summary>The materials accepted late (容缺), from the acceptance on; null when there were none.</summary>
    public List<DeferredMaterial>? Deferred { get; set; }

    /// <summary>Requests to extend the bundle's or a stage's clock (行政许可法 Art. 42), oldest first; null when there were none.</summary>
    public List<ClockExtension>? ClockExtensions { get; set; }

    /// <summary>
    /// How many times the applicant's answers were corrected for supplement requests (补正): the revision of the form the
    /// departments are sent, so that one holding an older form knows to replace it.
    /// </summary>
    public int FormRevision { get; set; }

    /// <summary>
    /// Every answer so corrected, oldest first; null when there was none. A department that receives its first step of
    /// the application after a correction was told of none: its step carries them, so its clerk sees what changed.
    /// </summary>
    public List<AnswerCorrection>? AnswerCorrections { get; set; }

    public NodeState? Find(string nodeId) => Nodes.GetValueOrDefault(nodeId);

    public InstanceState Clone()
    {
        var copy = (InstanceState)MemberwiseClone();
        copy.Clock = Clock is null ? null : [.. Clock];
        copy.Warnings = Warnings is null ? null : [.. Warnings];
        copy.Escalations = Escalations is null ? null : [.. Escalations];
        copy.Deferred = Deferred is null ? null : [.. Deferred];
        copy.ClockExtensions = ClockExtensions is null ? null : [.. ClockExtensions];
        copy.AnswerCorrections = AnswerCorrections is null ? null : [.. AnswerCorrections];
        copy.Nodes = new Dictionary<string, NodeState>(Nodes.Count, StringComparer.Ordinal);
        foreach (var (id, node) in Nodes)
        {
            copy.Nodes[id] = node.Clone();
        }

        return copy;
    }
}
