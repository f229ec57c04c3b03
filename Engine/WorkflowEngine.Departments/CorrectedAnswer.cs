namespace WorkflowEngine.Runtime.Departments;

/// <summary>
/// One answer of an application's form the applicant corrected (补正), as the engine told the department
/// (<c>ApplicationFormCorrected</c>): the field, its value before and after as JSON, and when. Kept per application and
/// revision, so that every task of the application shows it, however late or often the message came.
/// </summary>
public sealed record CorrectedAnswer(Guid ApplicationId, int FormRevision, string Field, string OldJson, string NewJson, DateTimeOffset CorrectedAt);
