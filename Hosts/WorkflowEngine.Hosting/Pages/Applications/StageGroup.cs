using WorkflowEngine.Hosting.Api;

namespace WorkflowEngine.Hosting.Pages.Applications;

/// <summary>
/// One group of the progress page's timeline: a stage (its own step record and clock) with the steps inside it, or,
/// where <see cref="Stage"/> is null, steps that belong to no stage.
/// </summary>
public sealed record StageGroup(StepDto? Stage, ClockSummary? Clock, IReadOnlyList<StepDto> Steps);
