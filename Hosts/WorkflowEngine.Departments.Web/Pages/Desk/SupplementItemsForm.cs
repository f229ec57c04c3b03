namespace WorkflowEngine.Hosting.Pages.Desk;

/// <summary>
/// The items of a supplement form on the task page: the step's materials to check, each with what is needed, and a note
/// for the applicant. <see cref="Prefix"/> keeps the field names of the first request and of a further one apart.
/// </summary>
public sealed record SupplementItemsForm(TaskModel Page, string Prefix);
