using System.Text.Json;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Runtime.Incidents;

namespace WorkflowEngine.Persistence.Rows;

/// <summary>The <c>incidents</c> table; the held events are one JSON array.</summary>
internal sealed class IncidentRow
{
    public const string Columns = """
        id AS Id, application_id AS ApplicationId, status AS Status, step_id AS StepId, error AS Error, error_type AS ErrorType,
        raised_at AS RaisedAt, updated_at AS UpdatedAt, attempts AS Attempts, events_json AS EventsJson, resolved_at AS ResolvedAt,
        resolved_by AS ResolvedBy, resolution AS Resolution
        """;

    public string Id { get; set; } = "";

    public string ApplicationId { get; set; } = "";

    public string Status { get; set; } = "";

    public string? StepId { get; set; }

    public string Error { get; set; } = "";

    public string ErrorType { get; set; } = "";

    public long RaisedAt { get; set; }

    public long UpdatedAt { get; set; }

    public long Attempts { get; set; }

    public string EventsJson { get; set; } = "[]";

    public long? ResolvedAt { get; set; }

    public string? ResolvedBy { get; set; }

    public string? Resolution { get; set; }

    public static IncidentRow From(IncidentRecord i) => new()
    {
        Id = i.Id.ToString(),
        ApplicationId = i.ApplicationId.ToString(),
        Status = i.Status,
        StepId = i.StepId,
        Error = i.Error,
        ErrorType = i.ErrorType,
        RaisedAt = Instants.ToMs(i.RaisedAt),
        UpdatedAt = Instants.ToMs(i.UpdatedAt),
        Attempts = i.Attempts,
        EventsJson = JsonSerializer.Serialize(i.Events, StoredJson.Web),
        ResolvedAt = Instants.ToMs(i.ResolvedAt),
        ResolvedBy = i.ResolvedBy,
        Resolution = i.Resolution,
    };

    public IncidentRecord ToRecord() => new()
    {
        Id = Guid.Parse(Id),
        ApplicationId = Guid.Parse(ApplicationId),
        Status = Status,
        StepId = StepId,
        Error = Error,
        ErrorType = ErrorType,
        RaisedAt = Instants.FromMs(RaisedAt),
        UpdatedAt = Instants.FromMs(UpdatedAt),
        Attempts = (int)Attempts,
        Events = JsonSerializer.Deserialize<List<ParkedEvent>>(EventsJson, StoredJson.Web) ?? [],
        ResolvedAt = Instants.FromMs(ResolvedAt),
        ResolvedBy = ResolvedBy,
        Resolution = Resolution,
    };
}
