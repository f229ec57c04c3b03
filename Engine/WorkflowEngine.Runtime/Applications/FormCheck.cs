namespace WorkflowEngine.Runtime.Applications;

/// <summary>
/// A form judged without being submitted: its errors by field (<c>form.&lt;key&gt;</c>), exactly as a submission would
/// be refused with, and whether each material is called for by its answers (<see cref="MaterialConditions"/>).
/// </summary>
public sealed record FormCheck(IReadOnlyDictionary<string, string[]> Errors, IReadOnlyDictionary<string, bool> Materials);
