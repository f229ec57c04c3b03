namespace WorkflowEngine.Hosting.Pages.Window;

/// <summary>
/// What the printed slip of a reissued query code (查询码补发) shows: the application, the citizen, the new code — null
/// when the same form came again after it was done (the code was on the first answer only) — when and by whom it was
/// reissued, and the way back to the application's page.
/// </summary>
public sealed record QueryCodeSlip(
    Guid ApplicationId, string TrackingNumber, string ServiceTitle, string ApplicantName, string? QueryCode, DateTimeOffset ReissuedAt, string StaffName, string PagePath);
