using WorkflowEngine.Core.Activities;
using WorkflowEngine.Definitions.Validation;
using WorkflowEngine.Definitions.Yaml;

namespace WorkflowEngine.Definitions;

/// <summary>Reads and validates a definition file (YAML, or JSON) and reports every error with file, line and path.</summary>
public sealed class DefinitionLoader(ActivityRegistry registry, ValidationEnvironment environment)
{
    private readonly DefinitionValidator _validator = new(registry, environment);

    public ActivityRegistry Registry { get; } = registry;

    public ValidationEnvironment Environment { get; } = environment;

    public DefinitionLoadResult Load(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        System.Text.Json.Nodes.JsonNode? root;
        SourceMap map;
        try
        {
            (root, map) = YamlJsonReader.Read(text);
        }
        catch (YamlSyntaxException ex)
        {
            return new DefinitionLoadResult(null, [new DefinitionError(file, ex.Line, ex.Column, "", ex.Message) { MessageEn = ex.MessageEn }]);
        }

        var reader = new DocumentReader(file, map);
        var definition = new DefinitionReader(Registry, reader).Read(root);
        var errors = new List<DefinitionError>(reader.Errors);
        if (definition is not null)
        {
            foreach (var failure in _validator.Validate(new DefinitionCandidate(definition)).Errors)
            {
                var (line, column) = map.Resolve(failure.PropertyName);
                errors.Add(new DefinitionError(file, line, column, failure.PropertyName, failure.ErrorMessage) { MessageEn = failure.CustomState as string });
            }
        }

        var ordered = errors
            .DistinctBy(e => (e.Path, e.Message))
            .OrderBy(e => e.Line)
            .ThenBy(e => e.Column)
            .ToArray();
        return new DefinitionLoadResult(definition, ordered);
    }

    public DefinitionLoadResult LoadFile(string path, string? displayName = null) =>
        Load(File.ReadAllText(path), displayName ?? path);
}
