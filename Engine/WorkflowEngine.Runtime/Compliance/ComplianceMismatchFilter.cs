namespace WorkflowEngine.Runtime.Compliance;

/// <summary>
/// Which compliance records to list: reports that arrived in [<see cref="From"/>, <see cref="To"/>), of a department
/// and a service when given, with one kind of disagreement (or <see cref="Core.Compliance.ComplianceKinds.NotReported"/>)
/// when given, else with any; a page of <see cref="Limit"/> from <see cref="Offset"/>, newest first.
/// </summary>
public sealed record ComplianceMismatchFilter(
    DateTimeOffset From,
    DateTimeOffset To,
    string? Department,
    string? ServiceId,
    string? Kind,
    int Offset,
    int Limit);
