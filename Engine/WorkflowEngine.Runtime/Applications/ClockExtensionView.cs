using WorkflowEngine.Core.Execution;

namespace WorkflowEngine.Runtime.Applications;

/// <summary>A request to extend the bundle's or a stage's clock, with the application it belongs to and the clock's title (<see cref="ClockTitleEn"/> in English).</summary>
public sealed record ClockExtensionView(ApplicationRecord Application, ClockExtension Extension, string ClockTitle, string ClockTitleEn);
