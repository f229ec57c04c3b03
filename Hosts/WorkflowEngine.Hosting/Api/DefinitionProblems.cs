using Microsoft.AspNetCore.Http;
using WorkflowEngine.Definitions;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// A definition's errors as problem details: the engine's part of <see cref="Problems"/>, which the department side's web
/// layer shares and so knows nothing of definitions.
/// </summary>
public static class DefinitionProblems
{
    /// <summary>A definition's errors, each with file, line, column and path.</summary>
    public static IResult Definition(IReadOnlyList<DefinitionError> errors, string title) =>
        Results.Problem(
            title: title,
            detail: $"共 {errors.Count} 处错误",
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["errors"] = errors.Select(DefinitionErrorDto.From).ToArray() });

    /// <summary>
    /// A definition's errors in the request's language (see <see cref="RequestLanguage"/>): each error's English where
    /// its check words one, else as written.
    /// </summary>
    public static IResult Definition(IReadOnlyList<DefinitionError> errors, ProblemText title) =>
        new LocalizedProblem(english => Results.Problem(
            title: english ? title.En : title.Zh,
            detail: english ? $"{errors.Count} error(s)" : $"共 {errors.Count} 处错误",
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = errors.Select(e => DefinitionErrorDto.From(english && e.MessageEn is { } en ? e with { Message = en } : e)).ToArray(),
            }));
}
