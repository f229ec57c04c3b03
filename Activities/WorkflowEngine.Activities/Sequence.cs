using WorkflowEngine.Core.Activities;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Activities;

/// <summary>Children run one after another; a rejection ends the sequence rejected.</summary>
[Activity("sequence", Description = "按顺序办理：子步骤依次进行，任一不通过则终止", DescriptionEn = "In order: the steps one after another; any one refused ends it", HasChildren = true)]
public sealed class Sequence : Activity<NoSettings>
{
    public override void Execute(ActivityContext context) => Sequential.StartFirst(context);

    public override void OnChildCompleted(ActivityContext context, StepNode child) => Sequential.Continue(context, child);
}
