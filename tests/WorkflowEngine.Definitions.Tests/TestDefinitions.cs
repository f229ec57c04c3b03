using System.Text.Json.Nodes;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Definitions.Forms;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Definitions.Tests;

/// <summary>Small definitions built around a form, for tests that care about fields and conditions only.</summary>
internal static class TestDefinitions
{
    public static readonly DateOnly Today = new(2026, 11, 26);

    private const string Header = """
        id: fields
        title: 字段
        timeLimits: { statutory: { workingDays: 10 }, promised: { workingDays: 5 } }

        """;

    /// <summary>A definition with the given <c>form:</c> list (YAML, indented by two) and one step carrying <paramref name="when"/>.</summary>
    public static string Yaml(string formItems, string? when = null) =>
        Header + "form:\n" + formItems.TrimEnd() + "\n"
        + "flow:\n  - { id: a, activity: department-task, title: 甲, department: SAMR, limit: { workingDays: 1 }"
        + (when is null ? "" : ", when: \"" + when + "\"") + " }\n";

    public static IReadOnlyList<DefinitionError> Errors(string yaml) => Catalog.Loader.Load(yaml, "fields.yaml").Errors;

    public static WorkflowDefinition Definition(string formItems, string? when = null) => Catalog.Definition(Yaml(formItems, when));

    public static Dictionary<string, string> FormErrors(WorkflowDefinition definition, JsonObject form) =>
        new ApplicationFormValidator().Validate(new FormSubmission(definition, form, Today)).Errors
            .ToDictionary(e => e.PropertyName, e => e.ErrorMessage);
}
