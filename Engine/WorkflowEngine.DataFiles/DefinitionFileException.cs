namespace WorkflowEngine.Definitions;

/// <summary>
/// A data file under <c>Definitions/</c> could not be used; every error is listed with its place, and its English on
/// the next line where the check words one (the operator reading a host's start-up failure may not read Chinese).
/// </summary>
public sealed class DefinitionFileException(IReadOnlyList<DefinitionError> errors)
    : Exception(string.Join(Environment.NewLine, errors.Select(Describe)))
{
    public IReadOnlyList<DefinitionError> Errors { get; } = errors;

    private static string Describe(DefinitionError error) =>
        error.MessageEn is { } english ? $"{error}{Environment.NewLine}    {english}" : error.ToString();
}
