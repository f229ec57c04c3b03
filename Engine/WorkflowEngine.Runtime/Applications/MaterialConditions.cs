using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowEngine.Core.Conditions;
using WorkflowEngine.Core.Forms;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Runtime.Applications;

/// <summary>
/// Which materials the applicant's answers call for. A material is asked for by the steps that use it; a step under a
/// <c>when</c> condition (or a branch of a decision) runs only when its answers make it run, so a material that only such
/// steps use is needed only then: the bank's application form only when 预约银行开户 is ticked.
/// </summary>
public static class MaterialConditions
{
    /// <summary>The conditions a material depends on, in words, or null when some step that always runs uses it.</summary>
    public static string? Describe(WorkflowDefinition definition, MaterialSpec material, CultureInfo culture)
    {
        var english = culture.TwoLetterISOLanguageName == "en";
        var steps = StepsOf(definition, material);
        if (steps.Count == 0 || steps.Any(s => ConditionsOf(s).Count == 0))
        {
            return null;
        }

        var ways = steps
            .Select(s => string.Join(english ? " and " : "且", ConditionsOf(s).Select(c => c.Describe(definition.Fields, culture))))
            .Distinct(StringComparer.Ordinal);
        return string.Join(english ? "; or " : "；或", ways);
    }

    /// <summary>
    /// Whether the answers make some step that uses the material run, judged as the flow judges it: every <c>when</c>
    /// from the step up to the flow holds, and a decision would choose the step's branch. A material no step uses is
    /// always needed (nothing says otherwise); so is one whose condition cannot be evaluated over these answers.
    /// </summary>
    public static bool IsNeeded(WorkflowDefinition definition, MaterialSpec material, IReadOnlyDictionary<string, object?> values)
    {
        var steps = StepsOf(definition, material);
        if (steps.Count == 0)
        {
            return true;
        }

        try
        {
            return steps.Any(s => Runs(s, values));
        }
        catch (ConditionEvaluationException)
        {
            return true;
        }
    }

    /// <summary>The needed state of every material for the answers given (a form as submitted, validated or not).</summary>
    public static IReadOnlyDictionary<string, bool> Of(WorkflowDefinition definition, JsonObject? form)
    {
        var values = FormValues.ForConditions(definition, form);
        return definition.Materials.ToDictionary(m => m.Key, m => IsNeeded(definition, m, values), StringComparer.Ordinal);
    }

    private static List<StepNode> StepsOf(WorkflowDefinition definition, MaterialSpec material) =>
        [.. material.UsedBy.Select(id => definition.Nodes.GetValueOrDefault(id)).OfType<StepNode>()];

    /// <summary>The conditions from the flow down to the step, each a <c>when</c> on the step or one above it.</summary>
    private static List<Condition> ConditionsOf(StepNode step)
    {
        var conditions = new List<Condition>();
        for (var node = step; node is not null; node = node.Parent)
        {
            if (node.When is { } when)
            {
                conditions.Insert(0, when);
            }
        }

        return conditions;
    }

    private static bool Runs(StepNode step, IReadOnlyDictionary<string, object?> values)
    {
        for (var node = step; node is not null; node = node.Parent)
        {
            if (node.Parent is { ActivityKey: "decision" } decision)
            {
                // A decision takes its first branch whose condition holds (one without a condition always does).
                if (decision.Children.FirstOrDefault(c => c.When is null || c.When.Evaluate(values)) != node)
                {
                    return false;
                }
            }
            else if (node.When is { } when && !when.Evaluate(values))
            {
                return false;
            }
        }

        return true;
    }
}
