using FluentValidation;
using WorkflowEngine.Core.Activities;

namespace WorkflowEngine.Activities;

/// <summary>Validation rules shared by the activities a department carries out.</summary>
internal static class DepartmentRules
{
    /// <summary>The code names a department of <c>departments.yaml</c>.</summary>
    public static IRuleBuilderOptions<T, string> MustBeKnownDepartment<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must((_, code, context) =>
                context.RootContextData.TryGetValue(Activity<NoSettings>.EnvironmentKey, out var value)
                && value is ValidationEnvironment environment
                && environment.Departments.ContainsKey(code))
            .WithMessage((_, code) => $"未知部门“{code}”（部门须在 departments.yaml 中登记）").WithState((_, code) => $"Unknown department \"{code}\" (departments are registered in departments.yaml)");
}
