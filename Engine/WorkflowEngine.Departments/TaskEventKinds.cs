namespace WorkflowEngine.Runtime.Departments;

/// <summary>What a <see cref="TaskEvent"/> records.</summary>
public static class TaskEventKinds
{
    public const string Claimed = "claimed";

    /// <summary>Given back to the department's queue; the actor is who gave it back (its holder or a supervisor).</summary>
    public const string Released = "released";

    /// <summary>
    /// A supervisor gave the task to another clerk; the actor is the supervisor, the detail that clerk, after the clerk
    /// who held it and <see cref="ReassignedFromTo"/> where someone did.
    /// </summary>
    public const string Reassigned = "reassigned";

    /// <summary>Between the clerk who held a reassigned task and the clerk it went to, in the event's detail.</summary>
    public const string ReassignedFromTo = " → ";

    /// <summary>Supplementary material asked of the applicant; the detail lists the items.</summary>
    public const string SupplementRequested = "supplement-requested";

    /// <summary>The applicant supplied every item asked for.</summary>
    public const string SupplementSupplied = "supplement-supplied";

    /// <summary>A period the limit does not count began; the detail is its kind and reason.</summary>
    public const string ExclusionStarted = "exclusion-started";

    public const string ExclusionEnded = "exclusion-ended";

    /// <summary>The excluded period's expected end was set or moved; the detail is the new end (ISO 8601).</summary>
    public const string ExclusionEndChanged = "exclusion-end-changed";

    /// <summary>Approved or rejected; the detail is the outcome and any reason.</summary>
    public const string Decided = "decided";
}
