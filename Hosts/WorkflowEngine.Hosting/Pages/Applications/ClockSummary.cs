using WorkflowEngine.Calendars;
using WorkflowEngine.Hosting.Api.Clocks;

namespace WorkflowEngine.Hosting.Pages.Applications;

/// <summary>
/// What the partial <c>_ClockSummary</c> shows of the bundle's or a stage's clock on the progress page: whether it runs,
/// stands still and why, or has not started, and each limit (promised, statutory) with its due time, working time left,
/// card and 暂定 marker. The limits' lengths come from the definition, so that they read in the page's language.
/// </summary>
public sealed record ClockSummary(string Id, ClockDto Clock, WorkingTimeLimit? PromisedLimit, WorkingTimeLimit? StatutoryLimit);
