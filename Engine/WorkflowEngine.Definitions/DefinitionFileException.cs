namespace WorkflowEngine.Definitions;

/// <summary>A data file under <c>Definitions/</c> could not be used; every error is listed with its place.</summary>
public sealed class DefinitionFileException(IReadOnlyList<DefinitionError> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<DefinitionError> Errors { get; } = errors;
}
