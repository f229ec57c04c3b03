using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Conditions;

namespace WorkflowEngine.Core.Model;

/// <summary>One node of a definition's flow: an activity key, its parsed settings and its children.</summary>
public sealed class StepNode
{
    public required string Id { get; init; }

    /// <summary>The activity key (<c>department-task</c>), never a CLR type.</summary>
    public required string ActivityKey { get; init; }

    /// <summary>False when the file gave no id and one was made from the node's path.</summary>
    public bool HasExplicitId { get; init; } = true;

    public LocalizedText? Title { get; init; }

    /// <summary>When present and false over the form data, the node is skipped.</summary>
    public Condition? When { get; init; }

    /// <summary>The share of the node's limit that turns its clock yellow (<c>yellowShare</c>); the definition's when null.</summary>
    public double? YellowShare { get; init; }

    /// <summary>
    /// The node's statutory limit (<c>statutoryLimit</c>, 法定时限), beside its own <c>limit</c>, which is the promised one;
    /// only on a step or stage that has a limit, and never shorter than it. Null where the law gives none for it.
    /// </summary>
    public WorkingTimeLimit? StatutoryLimit { get; init; }

    /// <summary>What follows the node's cards (<c>escalation</c>); for a department step without its own, <c>timeLimits.escalation</c>.</summary>
    public IReadOnlyList<EscalationRule>? Escalation { get; init; }

    /// <summary>Whether and how far a stage's clock may be extended (<c>extension</c>); null: it may not.</summary>
    public ExtensionRules? Extension { get; init; }

    /// <summary>设定依据 of this step (<c>legalBasis</c>): the laws and regulations its department decides under; null where none is given.</summary>
    public IReadOnlyList<LocalizedText>? LegalBasis { get; init; }

    /// <summary>The activity's settings record, parsed and validated at load.</summary>
    public object? Settings { get; init; }

    public IReadOnlyList<StepNode> Children { get; init; } = [];

    /// <summary>Where the node stands in its file, e.g. <c>flow.steps[1]</c>.</summary>
    public string Path { get; init; } = "";

    public StepNode? Parent { get; private set; }

    public string DisplayTitle => Title?.Zh ?? Id;

    /// <summary>The title in English, its Chinese one where the definition gives no English, or the id.</summary>
    public string DisplayTitleEn => Title?.En ?? Title?.Zh ?? Id;

    /// <summary>Links each child to its parent; called once when the definition is built.</summary>
    public void LinkChildren()
    {
        foreach (var child in Children)
        {
            child.Parent = this;
            child.LinkChildren();
        }
    }

    public IEnumerable<StepNode> DescendantsAndSelf()
    {
        yield return this;
        foreach (var child in Children)
        {
            foreach (var node in child.DescendantsAndSelf())
            {
                yield return node;
            }
        }
    }
}
