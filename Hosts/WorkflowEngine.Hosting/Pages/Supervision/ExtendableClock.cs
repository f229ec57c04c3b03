namespace WorkflowEngine.Hosting.Pages.Supervision;

/// <summary>A clock the form offers to extend: its stage (empty for the whole service), title, most it may gain, and who decides.</summary>
public sealed record ExtendableClock(string Stage, string Title, string Max, string Approver);
