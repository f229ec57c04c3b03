using WorkflowEngine.Runtime.Applications;

namespace WorkflowEngine.Hosting.Api.Window;

/// <summary>
/// A query code reissued (<see cref="QueryCodeReissues"/>): the application, the new code — null when the same page's
/// form came again after it was done (the code was on the first answer only) — and when it was reissued.
/// </summary>
public sealed record QueryCodeReissue(ApplicationRecord Application, string? QueryCode, DateTimeOffset ReissuedAt);
