namespace WorkflowEngine.Runtime.Departments;

/// <summary>What a task keeps in its step's JSON besides what the engine sent.</summary>
public static class TaskPayloadKeys
{
    /// <summary>
    /// The form answers the applicant corrected for the step's supplement requests (补正), by field, as
    /// <c>StepSupplemented.form</c> brought them: the clerk's page shows them over the form the step came with.
    /// </summary>
    public const string FormCorrections = "formCorrections";

    /// <summary>
    /// Not kept, shown: in the clerk task API beside the form, every answer of the application the applicant corrected
    /// (for this department's request or another's, <c>ApplicationFormCorrected</c>), each with its value before and
    /// after and when, oldest first.
    /// </summary>
    public const string FormCorrected = "formCorrected";
}
