using WorkflowEngine.Core.Clocks;

namespace WorkflowEngine.Core.Execution;

/// <summary>The state of one node of one application. Activities keep what they need here; it is stored as JSON.</summary>
public sealed class NodeState
{
    public NodeStatus Status { get; set; }

    public StepOutcome? Outcome { get; set; }

    public string? Reason { get; set; }

    /// <summary><see cref="Reason"/> in English, for a reader of the English pages (absent from states written before).</summary>
    public string? ReasonEn { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>The due time of the node's promised limit, derived from <see cref="Clock"/>: a cache for queries and task lists.</summary>
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>The log of the node's clock (steps and stages with a limit): where its due time comes from.</summary>
    public List<ClockEvent>? Clock { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public bool? OnTime { get; set; }

    /// <summary>Department tasks: which dispatch this is (1 for the first); reports for an older attempt are ignored.</summary>
    public int Attempt { get; set; }

    public string? Department { get; set; }

    /// <summary>Department tasks: when the department acknowledged the dispatch (its task exists).</summary>
    public DateTimeOffset? ReceivedAt { get; set; }

    /// <summary>Department tasks: when the step was last sent (dispatched, or sent again because nothing came back).</summary>
    public DateTimeOffset? LastSentAt { get; set; }

    /// <summary>Department tasks: when the department last reported anything about the current attempt.</summary>
    public DateTimeOffset? LastHeardAt { get; set; }

    /// <summary>Department tasks: how often the current attempt was sent again.</summary>
    public int Resends { get; set; }

    public string? ClaimedBy { get; set; }

    public DateTimeOffset? ClaimedAt { get; set; }

    /// <summary>
    /// Department tasks: the latest claim the department reported released. Reports come in any order, so a claim made
    /// at or before it that arrives afterwards is stale and does not stand.
    /// </summary>
    public DateTimeOffset? ReleasedClaimAt { get; set; }

    public string? CompletedBy { get; set; }

    /// <summary>Results a department reported (licence number and the like), for later steps and certificate issuance.</summary>
    public Dictionary<string, string>? Outputs { get; set; }

    /// <summary>Sequences and stages: the index of the child running now.</summary>
    public int Cursor { get; set; }

    /// <summary>Set when the node's own deadline passed while it was still running.</summary>
    public bool Overdue { get; set; }

    public string? TimerId { get; set; }

    /// <summary>Department tasks: the supplement request (补正) the applicant has still to answer.</summary>
    public OpenSupplement? Supplement { get; set; }

    /// <summary>Department tasks: how many supplement requests the step has had (the law allows one).</summary>
    public int Supplements { get; set; }

    /// <summary>Department tasks: the commitment (告知承诺) the step was approved on, and its verification.</summary>
    public CommitmentState? Commitment { get; set; }

    public NodeState Clone()
    {
        var copy = (NodeState)MemberwiseClone();
        copy.Clock = Clock is null ? null : [.. Clock];
        return copy;
    }
}
