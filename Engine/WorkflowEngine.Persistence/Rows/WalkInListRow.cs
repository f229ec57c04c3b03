using WorkflowEngine.Core.Execution;
using WorkflowEngine.Runtime.Applications;

namespace WorkflowEngine.Persistence.Rows;

/// <summary>A line of the window staff's list as Dapper reads it, with the count of every match.</summary>
internal sealed class WalkInListRow
{
    public string Id { get; set; } = "";

    public string TrackingNumber { get; set; } = "";

    public string ServiceId { get; set; } = "";

    public long ServiceVersion { get; set; }

    public string? ApplicantName { get; set; }

    public string Status { get; set; } = "";

    public long SubmittedAt { get; set; }

    /// <summary>Read for the open supplement requests only: nothing else of the state is shown.</summary>
    public string StateJson { get; set; } = "{}";

    public long Total { get; set; }

    public WalkInListItem ToItem() => new(
        Guid.Parse(Id),
        TrackingNumber,
        ServiceId,
        (int)ServiceVersion,
        ApplicantName,
        Status,
        Instants.FromMs(SubmittedAt),
        InstanceStateJson.Deserialize(StateJson).Nodes.Values
            .Where(n => n is { Status: NodeStatus.Active, Supplement: not null })
            .SelectMany(n => n.Supplement!.Items.Select(i => i.Material ?? WalkInListItem.FieldPrefix + i.Field))
            .Distinct(StringComparer.Ordinal)
            .ToArray());
}
