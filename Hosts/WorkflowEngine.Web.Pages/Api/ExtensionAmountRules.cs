using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Hosting.Api;

/// <summary>The field rules every request for more time follows, a step's or a service's or stage's: one amount in half units, and a reason.</summary>
public static class ExtensionAmountRules
{
    public static Dictionary<string, ProblemText[]> Check(decimal? workingDays, decimal? workingHours, string? reason)
    {
        var errors = new Dictionary<string, ProblemText[]>();
        if ((workingDays is null) == (workingHours is null))
        {
            errors["workingDays"] = [new("须写明延长的 workingDays（工作日）或 workingHours（工作小时），且只写其中之一", "Give the extension in workingDays or workingHours, one of them only")];
        }
        else if (workingDays is { } days && (days <= 0 || days > 100 || days * 2 != decimal.Truncate(days * 2)))
        {
            errors["workingDays"] = [new("workingDays 须为 0.5 至 100 之间、以半天计的工作日数", "workingDays must be between 0.5 and 100, in half days")];
        }
        else if (workingHours is { } hours && (hours <= 0 || hours > 700 || hours * 2 != decimal.Truncate(hours * 2)))
        {
            errors["workingHours"] = [new("workingHours 须为 0.5 至 700 之间、以半小时计的工作小时数", "workingHours must be between 0.5 and 700, in half hours")];
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500)
        {
            errors["reason"] = [new("须写明延长办理时限的理由（500 字以内），理由会告知申请人", "Give the reason for more time (at most 500 characters), which the applicant is told")];
        }

        return errors;
    }
}
