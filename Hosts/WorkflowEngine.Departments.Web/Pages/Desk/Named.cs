using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Pages.Desk;

/// <summary>What a partial lists, with the names of the people in it (read once for the whole page, not per line).</summary>
public sealed record Named<T>(T Items, UserNames Names);
