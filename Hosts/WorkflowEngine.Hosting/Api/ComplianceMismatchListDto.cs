namespace WorkflowEngine.Hosting.Api;

/// <summary>A page of the compliance mismatch list, newest report first.</summary>
public sealed record ComplianceMismatchListDto(
    string From, string To, string TimeZone, int Page, int PageSize, int Total, IReadOnlyList<ComplianceMismatchDto> Items);
