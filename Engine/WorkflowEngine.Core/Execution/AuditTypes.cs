namespace WorkflowEngine.Core.Execution;

/// <summary>
/// The audit types the engine itself writes and others read (the engine's metrics count them). Activities add
/// types of their own (<c>StepDispatched</c>, <c>StageOverdue</c>, …), named where they are written.
/// </summary>
public static class AuditTypes
{
    public const string ApplicationSubmitted = "ApplicationSubmitted";

    /// <summary>
    /// The applicant corrected an answer of the form that a supplement request (补正) asked about: the line holds the
    /// field, its old and its new value (as stored JSON) and the request(s). One line per field, in the commit that changed it.
    /// </summary>
    public const string FormCorrected = "FormCorrected";

    public const string ApplicationCompleted = "ApplicationCompleted";

    public const string ApplicationRejected = "ApplicationRejected";

    public const string ApplicationCancelled = "ApplicationCancelled";

    /// <summary>The applicant withdrew the application (撤回) before it was decided.</summary>
    public const string ApplicationWithdrawn = "ApplicationWithdrawn";

    /// <summary>
    /// Window staff replaced a walk-in's query code (查询码) after checking the citizen's identity document: the old code
    /// stops working. The line holds no code nor hash of one.
    /// </summary>
    public const string QueryCodeReissued = "QueryCodeReissued";

    /// <summary>
    /// The applicant (or window staff for a walk-in) changed the language e-mails and SMS are written in: the line holds
    /// the language before and after.
    /// </summary>
    public const string LanguageChanged = "LanguageChanged";

    /// <summary>A changed calendar moved when a step approved on commitment is verified (事后核查).</summary>
    public const string VerificationRecounted = "VerificationRecounted";

    /// <summary>
    /// The application ended (withdrawn or cancelled) before a step approved on commitment was verified: no verification
    /// is made, and a verification task already out is recalled.
    /// </summary>
    public const string CommitmentVerificationDropped = "CommitmentVerificationDropped";

    /// <summary>Executing the application failed; it waits for an administrator (an incident).</summary>
    public const string IncidentRaised = "IncidentRaised";

    public const string StepApproved = "StepApproved";

    public const string StepRejected = "StepRejected";
}
