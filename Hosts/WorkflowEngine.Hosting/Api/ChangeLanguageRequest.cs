namespace WorkflowEngine.Hosting.Api;

/// <summary>The language the applicant's e-mails and SMS are written in from now on: <c>zh-CN</c> or <c>en</c>.</summary>
public sealed record ChangeLanguageRequest(string? Language);
