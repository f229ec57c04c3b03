namespace WorkflowEngine.Hosting.Api;

/// <summary><c>PATCH /api/admin/departments/{code}</c>: the names and description (the code and its queue stay).</summary>
public sealed record EditDepartmentRequest(string? NameZh, string? NameEn, string? Description);
