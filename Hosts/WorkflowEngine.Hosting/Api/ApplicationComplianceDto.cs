using WorkflowEngine.Definitions;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Compliance;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// Every decided department step of an application with the figures its department reported beside the engine's
/// recomputation, agreeing or not (<see cref="ComplianceMismatchDto.Kinds"/> empty when they agree).
/// </summary>
public sealed record ApplicationComplianceDto(Guid ApplicationId, string TrackingNumber, IReadOnlyList<ComplianceMismatchDto> Steps)
{
    public static ApplicationComplianceDto From(ApplicationRecord application, IReadOnlyList<StepComplianceRecord> reports, ReferenceData reference)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(reports);
        return new(
            application.Id,
            application.TrackingNumber,
            reports.Select(r => ComplianceMismatchDto.From(new ListedCompliance(r, application.TrackingNumber), reference)).ToArray());
    }
}
