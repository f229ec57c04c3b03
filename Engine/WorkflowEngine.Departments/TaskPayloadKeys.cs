namespace WorkflowEngine.Runtime.Departments;

/// <summary>What a task keeps in its step's JSON besides what the engine sent.</summary>
public static class TaskPayloadKeys
{
    /// <summary>
    /// The form answers the applicant corrected for the step's supplement requests (补正), by field, as
    /// <c>StepSupplemented.form</c> brought them: the clerk's page shows them over the form the step came with.
    /// </summary>
    public const string FormCorrections = "formCorrections";
}
