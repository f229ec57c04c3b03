namespace WorkflowEngine.Core.Model;

/// <summary>Settings of an activity whose step a definition may let the applicant have approved on commitment (告知承诺).</summary>
public interface ICommitmentSettings
{
    CommitmentRules? Commitment { get; }
}
