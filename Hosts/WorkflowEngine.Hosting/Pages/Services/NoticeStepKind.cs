namespace WorkflowEngine.Hosting.Pages.Services;

/// <summary>How a part of a service's flow reads in the one-time notice.</summary>
public enum NoticeStepKind
{
    /// <summary>A step someone carries out: a department's approval, the issuing of certificates.</summary>
    Step,

    /// <summary>Steps one after another.</summary>
    InOrder,

    /// <summary>Steps side by side (并联审批).</summary>
    InParallel,

    /// <summary>A named stage with a limit of its own.</summary>
    Stage,

    /// <summary>One of several branches, chosen by the application's answers.</summary>
    OneOf,
}
