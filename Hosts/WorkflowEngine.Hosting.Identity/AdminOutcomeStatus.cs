namespace WorkflowEngine.Hosting.Identity;

/// <summary>How an administrator's change to a user or department ended; the API answers 200/201, 400, 404 or 409.</summary>
public enum AdminOutcomeStatus
{
    Done,
    Invalid,
    NotFound,

    /// <summary>Refused by a rule (the last administrator, oneself, a platform user, a name taken), with the reason.</summary>
    Refused,
}
