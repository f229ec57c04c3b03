using System.Globalization;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Persistence.Rows;

/// <summary>The <c>extension_requests</c> table.</summary>
internal sealed class ExtensionRow
{
    public const string Columns = """
        id AS Id, task_id AS TaskId, application_id AS ApplicationId, tracking_number AS TrackingNumber, step_id AS StepId,
        attempt AS Attempt, department AS Department, title AS Title, working_days AS WorkingDays, working_hours AS WorkingHours,
        reason AS Reason, requested_by AS RequestedBy, requested_at AS RequestedAt, status AS Status, decided_by AS DecidedBy,
        decided_at AS DecidedAt, decision AS Decision, title_en AS TitleEn
        """;

    public string Id { get; set; } = "";

    public string TaskId { get; set; } = "";

    public string ApplicationId { get; set; } = "";

    public string TrackingNumber { get; set; } = "";

    public string StepId { get; set; } = "";

    public long Attempt { get; set; }

    public string Department { get; set; } = "";

    public string Title { get; set; } = "";

    public string? TitleEn { get; set; }

    public string? WorkingDays { get; set; }

    public string? WorkingHours { get; set; }

    public string Reason { get; set; } = "";

    public string RequestedBy { get; set; } = "";

    public long RequestedAt { get; set; }

    public string Status { get; set; } = "";

    public string? DecidedBy { get; set; }

    public long? DecidedAt { get; set; }

    public string? Decision { get; set; }

    public static ExtensionRow From(ExtensionRequest e) => new()
    {
        Id = e.Id.ToString(),
        TaskId = e.TaskId.ToString(),
        ApplicationId = e.ApplicationId.ToString(),
        TrackingNumber = e.TrackingNumber,
        StepId = e.StepId,
        Attempt = e.Attempt,
        Department = e.Department,
        Title = e.Title,
        TitleEn = e.TitleEn,
        WorkingDays = e.WorkingDays?.ToString(CultureInfo.InvariantCulture),
        WorkingHours = e.WorkingHours?.ToString(CultureInfo.InvariantCulture),
        Reason = e.Reason,
        RequestedBy = e.RequestedBy,
        RequestedAt = Instants.ToMs(e.RequestedAt),
        Status = e.Status,
        DecidedBy = e.DecidedBy,
        DecidedAt = Instants.ToMs(e.DecidedAt),
        Decision = e.Decision,
    };

    public ExtensionRequest ToRecord() => new()
    {
        Id = Guid.Parse(Id),
        TaskId = Guid.Parse(TaskId),
        ApplicationId = Guid.Parse(ApplicationId),
        TrackingNumber = TrackingNumber,
        StepId = StepId,
        Attempt = (int)Attempt,
        Department = Department,
        Title = Title,
        TitleEn = TitleEn,
        WorkingDays = WorkingDays is null ? null : decimal.Parse(WorkingDays, CultureInfo.InvariantCulture),
        WorkingHours = WorkingHours is null ? null : decimal.Parse(WorkingHours, CultureInfo.InvariantCulture),
        Reason = Reason,
        RequestedBy = RequestedBy,
        RequestedAt = Instants.FromMs(RequestedAt),
        Status = Status,
        DecidedBy = DecidedBy,
        DecidedAt = Instants.FromMs(DecidedAt),
        Decision = Decision,
    };
}
