using WorkflowEngine.Activities;
using WorkflowEngine.Core.Activities;
using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Definitions;

namespace WorkflowEngine.Testing;

/// <summary>The shipped departments, calendars and activities, loaded once for the tests.</summary>
public static class Catalog
{
    public static ReferenceData Reference { get; } = ReferenceData.Load(RepositoryPaths.Definitions);

    public static ActivityRegistry Activities { get; } = BuiltInActivities.CreateRegistry();

    public static DefinitionLoader Loader { get; } = new(Activities, Reference.ValidationEnvironment);

    public static WorkingCalendar Calendar => Reference.Calendar("cn-mainland");

    /// <summary>Loads a definition from YAML text and fails the test with every error if it is not valid.</summary>
    public static WorkflowDefinition Definition(string yaml, string file = "test.yaml")
    {
        var result = Loader.Load(yaml, file);
        if (!result.IsValid)
        {
            throw new InvalidOperationException("Definition not valid:" + Environment.NewLine + string.Join(Environment.NewLine, result.Errors));
        }

        return result.Definition!;
    }

    public static WorkflowDefinition Shipped(string id) =>
        Definition(File.ReadAllText(Path.Combine(RepositoryPaths.Definitions, "services", id + ".yaml")), id + ".yaml");
}
