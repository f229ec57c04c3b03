using System.Reflection;
using FluentValidation;
using FluentValidation.Results;
using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Core.Activities;

/// <summary>Base of the built-in activities: typed settings, an optional validator, and defaults that do nothing.</summary>
/// <typeparam name="TSettings">The activity's settings record, read from the node in the definition file.</typeparam>
public abstract class Activity<TSettings> : IActivity
    where TSettings : class, new()
{
    protected Activity()
    {
        var attribute = GetType().GetCustomAttribute<ActivityAttribute>()
            ?? throw new InvalidOperationException($"{GetType().Name} lacks [Activity].");
        Descriptor = new ActivityDescriptor(
            attribute.Key,
            attribute.Version,
            attribute.Description,
            attribute.HasChildren,
            attribute.Tracked,
            attribute.RequiresId,
            typeof(TSettings))
        {
            DescriptionEn = attribute.DescriptionEn,
        };
    }

    public ActivityDescriptor Descriptor { get; }

    /// <summary>The settings validator; it may read the <see cref="ValidationEnvironment"/> from the root context data.</summary>
    protected virtual IValidator<TSettings>? Validator => null;

    public const string EnvironmentKey = "environment";

    public const string NodeKey = "node";

    public virtual IEnumerable<ValidationFailure> Validate(StepNode node, ValidationEnvironment environment)
    {
        if (Validator is not { } validator || node.Settings is not TSettings settings)
        {
            return [];
        }

        var context = new ValidationContext<TSettings>(settings);
        context.RootContextData[EnvironmentKey] = environment;
        context.RootContextData[NodeKey] = node;
        return validator.Validate(context).Errors;
    }

    public WorkingTimeLimit? LimitOf(StepNode node) => PromisedLimitOf(node) ?? (Descriptor.Tracked ? node.StatutoryLimit : null);

    public WorkingTimeLimit? PromisedLimitOf(StepNode node) => LimitOf(SettingsOf(node));

    public string? DepartmentOf(StepNode node) => DepartmentOf(SettingsOf(node));

    protected virtual string? DepartmentOf(TSettings settings) => null;

    protected virtual WorkingTimeLimit? LimitOf(TSettings settings) => null;

    /// <summary>By default the children run one after another.</summary>
    public virtual double ChildrenPathHours(StepNode node, Func<StepNode, double> pathOf) => node.Children.Sum(pathOf);

    public abstract void Execute(ActivityContext context);

    public virtual void OnChildCompleted(ActivityContext context, StepNode child)
    {
    }

    public virtual void OnSignal(ActivityContext context, WorkflowEvent signal)
    {
    }

    /// <summary>By default cancels every active child.</summary>
    public virtual void OnCancel(ActivityContext context, string reason)
    {
        foreach (var child in context.Node.Children)
        {
            context.Cancel(child, new LocalizedText(reason, context.State.ReasonEn));
        }
    }

    protected static TSettings SettingsOf(StepNode node) => node.Settings as TSettings ?? new TSettings();

    protected static TSettings SettingsOf(ActivityContext context) => SettingsOf(context.Node);

    /// <summary>
    /// Whether the node whose settings a validator rule reads has a statutory limit (法定时限) of its own: such a node may
    /// go without a promised <c>limit</c>, its clock then counting against the statutory one.
    /// </summary>
    protected static bool HasStatutoryLimit<T>(ValidationContext<T> context) =>
        context.RootContextData.TryGetValue(NodeKey, out var value) && value is StepNode { StatutoryLimit: not null };

    /// <summary>Reads the validation environment inside a settings validator rule.</summary>
    protected static ValidationEnvironment EnvironmentOf<T>(ValidationContext<T> context) =>
        context.RootContextData.TryGetValue(EnvironmentKey, out var value) && value is ValidationEnvironment env
            ? env
            : throw new InvalidOperationException("Validation environment missing.");
}
