using WorkflowEngine.Runtime.Statistics;

namespace WorkflowEngine.Hosting.Pages.Public;

/// <summary>
/// A table of the dashboard's open steps, by department or by service: how many are in progress and how many are past
/// their promised (承诺) and their statutory (法定) limit. Counts only: no step, application or person is named.
/// </summary>
public sealed record OpenTable(string Id, string Title, string NameHeader, IReadOnlyList<(string Name, OpenRisk Figures)> Rows);
