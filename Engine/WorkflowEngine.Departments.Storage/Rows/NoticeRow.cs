using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Persistence.Rows;

/// <summary>The <c>department_notices</c> table.</summary>
internal sealed class NoticeRow
{
    public const string Columns = """
        id AS Id, department AS Department, task_id AS TaskId, application_id AS ApplicationId, tracking_number AS TrackingNumber,
        step_id AS StepId, title AS Title, kind AS Kind, message AS Message, due_at AS DueAt, created_at AS CreatedAt, message_en AS MessageEn,
        title_en AS TitleEn
        """;

    public string Id { get; set; } = "";

    public string Department { get; set; } = "";

    public string TaskId { get; set; } = "";

    public string ApplicationId { get; set; } = "";

    public string TrackingNumber { get; set; } = "";

    public string StepId { get; set; } = "";

    public string Title { get; set; } = "";

    public string Kind { get; set; } = "";

    public string Message { get; set; } = "";

    public string? MessageEn { get; set; }

    public string? TitleEn { get; set; }

    public long DueAt { get; set; }

    public long CreatedAt { get; set; }

    public DepartmentNotice ToRecord() => new(
        Guid.Parse(Id), Department, Guid.Parse(TaskId), Guid.Parse(ApplicationId), TrackingNumber, StepId, Title, Kind, Message,
        Instants.FromMs(DueAt), Instants.FromMs(CreatedAt), MessageEn, TitleEn);
}
