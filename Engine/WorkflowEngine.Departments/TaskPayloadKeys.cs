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

    /// <summary>
    /// In an entry of the step's <c>materials</c>: when the applicant supplied the version the entry now names, for a
    /// supplement request (补正) of the step (<c>StepSupplemented.suppliedAt</c>, +08:00); absent for the version the step
    /// came with.
    /// </summary>
    public const string SuppliedAt = "suppliedAt";

    /// <summary>
    /// In an entry of the step's <c>materials</c> a supplement request replaced: the file the department first received
    /// (<c>version</c>, <c>fileName</c>, <c>contentType</c>, <c>size</c>, <c>sha256</c>, <c>photoPages</c>), kept once,
    /// so that the clerk sees what the applicant's new version replaced.
    /// </summary>
    public const string FirstReceived = "firstReceived";

    /// <summary>
    /// In an entry of the step's <c>materials</c>: which supplement request of the task (补正, 1 for the first) the version
    /// the entry now names answered; absent for the version the step came with.
    /// </summary>
    public const string SupplementRound = "round";

    /// <summary>
    /// In an entry of the step's <c>materials</c> a supplement request replaced: every version the department received,
    /// newest first, each with <c>version</c>, <c>fileName</c>, <c>contentType</c>, <c>size</c>, <c>sha256</c>,
    /// <c>photoPages</c>, <c>download</c> (the engine's path of that version), <see cref="SuppliedAt"/> and
    /// <see cref="SupplementRound"/> (both null for the version the step came with).
    /// </summary>
    public const string Versions = "versions";
}
