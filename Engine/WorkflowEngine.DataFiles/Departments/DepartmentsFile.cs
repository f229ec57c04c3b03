using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Definitions.Departments;

/// <summary><c>departments.yaml</c>: the departments that own steps.</summary>
public sealed record DepartmentsFile
{
    public List<DepartmentEntry>? Departments { get; init; }
}

/// <summary>One department: its code (the queue is <c>dept.&lt;code&gt;</c>) and name.</summary>
public sealed record DepartmentEntry
{
    public string? Code { get; init; }

    public LocalizedText? Name { get; init; }

    public string? Description { get; init; }
}
