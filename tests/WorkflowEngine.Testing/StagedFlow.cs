namespace WorkflowEngine.Testing;

/// <summary>
/// A definition whose flow is one stage, 审查阶段 (id <c>review</c>), around department steps, in parallel when there are
/// several: the staged flow that the clock, card and validation tests each vary a little, written once.
/// </summary>
public sealed record StagedFlow
{
    public string Id { get; init; } = "staged";

    public string Title { get; init; } = "测试";

    /// <summary>The bundle's statutory limit, as YAML (<c>{ workingDays: 20 }</c>).</summary>
    public string Statutory { get; init; } = "{ workingDays: 20 }";

    /// <summary>The bundle's promised limit, as YAML.</summary>
    public string Promised { get; init; } = "{ workingDays: 10 }";

    public string StageId { get; init; } = "review";

    public string StageTitle { get; init; } = "审查阶段";

    /// <summary>The stage's own limit, as YAML.</summary>
    public string StageLimit { get; init; } = "{ workingDays: 5 }";

    /// <summary>More settings of the stage, one YAML line each (an <c>escalation</c> rule, say).</summary>
    public IReadOnlyList<string> StageSettings { get; init; } = [];

    /// <summary>The definition's materials, one YAML flow mapping each; none by default.</summary>
    public IReadOnlyList<string> Materials { get; init; } = [];

    /// <summary>The stage's department steps, as <see cref="DepartmentTask"/> writes them.</summary>
    public IReadOnlyList<string> Steps { get; init; } = [DepartmentTask("a", "甲", "SAMR", "{ workingDays: 1 }")];

    /// <summary>A department step, one YAML flow mapping.</summary>
    public static string DepartmentTask(string id, string title, string department, string limit) =>
        $"{{ id: {id}, activity: department-task, title: {title}, department: {department}, limit: {limit} }}";

    /// <summary>The definition, as a file would hold it.</summary>
    public string Yaml => string.Join('\n', Lines()) + "\n";

    public override string ToString() => Yaml;

    private IEnumerable<string> Lines()
    {
        yield return $"id: {Id}";
        yield return $"title: {Title}";
        yield return $"timeLimits: {{ statutory: {Statutory}, promised: {Promised} }}";
        yield return "form:";
        yield return "  - { key: name, label: 名称, type: text }";
        if (Materials.Count > 0)
        {
            yield return "materials:";
            foreach (var material in Materials)
            {
                yield return "  - " + material;
            }
        }

        yield return "flow:";
        yield return "  activity: sequence";
        yield return "  steps:";
        yield return $"    - id: {StageId}";
        yield return "      activity: stage";
        yield return $"      title: {StageTitle}";
        yield return $"      limit: {StageLimit}";
        foreach (var setting in StageSettings)
        {
            yield return "      " + setting;
        }

        yield return "      steps:";
        if (Steps.Count == 1)
        {
            yield return "        - " + Steps[0];
            yield break;
        }

        yield return "        - activity: parallel";
        yield return "          steps:";
        foreach (var step in Steps)
        {
            yield return "            - " + step;
        }
    }
}
