namespace WorkflowEngine.Core.Model;

/// <summary>The consequence of a verification (事后核查) that finds the commitment was not kept.</summary>
public enum CommitmentFailure
{
    /// <summary>The step's approval is revoked (撤销): the step counts as refused, and so does a bundle that had completed.</summary>
    RevokeStep,

    /// <summary>The whole application ends as cancelled with the reason, however far it had come.</summary>
    EndApplication,
}
