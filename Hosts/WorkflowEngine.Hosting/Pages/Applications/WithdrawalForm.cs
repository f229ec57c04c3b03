using WorkflowEngine.Hosting.Api;

namespace WorkflowEngine.Hosting.Pages.Applications;

/// <summary>The withdrawal on the progress page: the application, whether window staff withdraw it for a walk-in citizen (a reason required), and the reason's errors.</summary>
public sealed record WithdrawalForm(ApplicationDto Application, bool ForWalkIn, IReadOnlyList<string> Errors);
