using WorkflowEngine.Core.Activities;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Definitions.Validation;

/// <summary>The longest a node can take in working hours: its own limit, or else its children's critical path.</summary>
public sealed class CriticalPath(ActivityRegistry registry, double hoursPerDay)
{
    public double Of(StepNode node)
    {
        if (!registry.TryGet(node.ActivityKey, out var activity))
        {
            return 0;
        }

        return activity.LimitOf(node) is { IsWellFormed: true } limit
            ? limit.ToHours(hoursPerDay)
            : activity.ChildrenPathHours(node, Of);
    }

    public double OfChildren(StepNode node) =>
        registry.TryGet(node.ActivityKey, out var activity) ? activity.ChildrenPathHours(node, Of) : 0;
}
