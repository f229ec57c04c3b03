namespace WorkflowEngine.Runtime.Compliance;

/// <summary>A compliance record as listed for administrators, with the application's tracking number.</summary>
public sealed record ListedCompliance(StepComplianceRecord Record, string TrackingNumber);
