using WorkflowEngine.Definitions;

namespace WorkflowEngine.Runtime.Definitions;

/// <summary>The outcome of publishing: the published version, or why not.</summary>
public sealed record PublishResult(DefinitionRecord? Published, IReadOnlyList<DefinitionError> Errors, string? Problem, PublishProblem Kind = PublishProblem.None)
{
    public bool Succeeded => Published is not null;
}

/// <summary>Why a publication was refused.</summary>
public enum PublishProblem
{
    None,

    /// <summary>No such definition, draft or version.</summary>
    NotFound,

    /// <summary>The version is published already, or someone published it first.</summary>
    AlreadyPublished,

    /// <summary>The draft does not pass validation.</summary>
    Invalid,
}
