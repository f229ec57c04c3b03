using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Definitions;
using WorkflowEngine.Runtime.Timers;

namespace WorkflowEngine.Persistence.Rows;

/// <summary>The <c>materials</c> table.</summary>
internal sealed class MaterialRow
{
    public const string Columns = """
        id AS Id, application_id AS ApplicationId, material_key AS MaterialKey, file_name AS FileName,
        content_type AS ContentType, size AS Size, sha256 AS Sha256, uploaded_at AS UploadedAt, version AS Version,
        photo_pages AS PhotoPages
        """;

    public string Id { get; set; } = "";

    public string ApplicationId { get; set; } = "";

    public string MaterialKey { get; set; } = "";

    public string FileName { get; set; } = "";

    public string ContentType { get; set; } = "";

    public long Size { get; set; }

    public string Sha256 { get; set; } = "";

    public long UploadedAt { get; set; }

    public long Version { get; set; }

    public long? PhotoPages { get; set; }

    public static MaterialRow From(MaterialRecord m) => new()
    {
        Id = m.Id.ToString(),
        ApplicationId = m.ApplicationId.ToString(),
        MaterialKey = m.MaterialKey,
        FileName = m.FileName,
        ContentType = m.ContentType,
        Size = m.Size,
        Sha256 = m.Sha256,
        UploadedAt = Instants.ToMs(m.UploadedAt),
        Version = m.Version,
        PhotoPages = m.PhotoPages,
    };

    public MaterialRecord ToRecord() =>
        new(Guid.Parse(Id), Guid.Parse(ApplicationId), MaterialKey, FileName, ContentType, Size, Sha256, Instants.FromMs(UploadedAt))
        {
            Version = (int)Version,
            PhotoPages = (int?)PhotoPages,
        };
}

/// <summary>A row of <c>timers</c>.</summary>
internal sealed class TimerRow
{
    public string ApplicationId { get; set; } = "";

    public string TimerId { get; set; } = "";

    public string NodeId { get; set; } = "";

    public long DueAt { get; set; }

    public TimerRecord ToRecord() => new(Guid.Parse(ApplicationId), TimerId, NodeId, Instants.FromMs(DueAt));
}

/// <summary>A row of <c>notifications</c>.</summary>
internal sealed class NotificationRow
{
    public string ApplicationId { get; set; } = "";

    public long At { get; set; }

    public string Kind { get; set; } = "";

    public string Message { get; set; } = "";

    public string? MessageEn { get; set; }

    public NotificationRecord ToRecord() => new(Guid.Parse(ApplicationId), Instants.FromMs(At), Kind, Message, MessageEn);
}

/// <summary>A row of <c>certificates</c>.</summary>
internal sealed class CertificateRow
{
    public string ApplicationId { get; set; } = "";

    public string StepId { get; set; } = "";

    public string Name { get; set; } = "";

    public string FromStep { get; set; } = "";

    public string DetailsJson { get; set; } = "{}";

    public long IssuedAt { get; set; }

    public long? RevokedAt { get; set; }

    public string? RevokedReason { get; set; }

    public string? RevokedReasonEn { get; set; }

    public CertificateRecord ToRecord() =>
        new(Guid.Parse(ApplicationId), StepId, Name, FromStep, DetailsJson, Instants.FromMs(IssuedAt), Instants.FromMs(RevokedAt), RevokedReason, RevokedReasonEn);
}

/// <summary>A row of <c>audit_events</c>.</summary>
internal sealed class AuditRow
{
    public const string Columns = """
        id AS Id, application_id AS ApplicationId, at AS At, type AS Type, step_id AS StepId, actor AS Actor, data_json AS DataJson,
        seq AS Seq, hash AS Hash
        """;

    public long Id { get; set; }

    public string ApplicationId { get; set; } = "";

    public long At { get; set; }

    public string Type { get; set; } = "";

    public string? StepId { get; set; }

    public string? Actor { get; set; }

    public string? DataJson { get; set; }

    public long? Seq { get; set; }

    public string? Hash { get; set; }

    public AuditRecord ToRecord() => new(Guid.Parse(ApplicationId), Instants.FromMs(At), Type, StepId, Actor, DataJson)
    {
        Id = Id,
        Sequence = Seq ?? 0,
        Hash = Hash,
    };
}

/// <summary>A row of <c>definitions</c>.</summary>
internal sealed class DefinitionRow
{
    public const string Columns = """
        id AS Id, version AS Version, status AS Status, title AS Title, source AS Source, sha256 AS Sha256,
        errors_json AS ErrorsJson, created_at AS CreatedAt, created_by AS CreatedBy, published_at AS PublishedAt,
        published_by AS PublishedBy, retired_at AS RetiredAt, retired_by AS RetiredBy
        """;

    public string Id { get; set; } = "";

    public long Version { get; set; }

    public string Status { get; set; } = "";

    public string Title { get; set; } = "";

    public string Source { get; set; } = "";

    public string Sha256 { get; set; } = "";

    public string ErrorsJson { get; set; } = "[]";

    public long CreatedAt { get; set; }

    public string? CreatedBy { get; set; }

    public long? PublishedAt { get; set; }

    public string? PublishedBy { get; set; }

    public long? RetiredAt { get; set; }

    public string? RetiredBy { get; set; }

    public DefinitionRecord ToRecord() => new()
    {
        Id = Id,
        Version = (int)Version,
        Status = Status,
        Title = Title,
        Source = Source,
        Sha256 = Sha256,
        ErrorsJson = ErrorsJson,
        CreatedAt = Instants.FromMs(CreatedAt),
        CreatedBy = CreatedBy,
        PublishedAt = Instants.FromMs(PublishedAt),
        PublishedBy = PublishedBy,
        RetiredAt = Instants.FromMs(RetiredAt),
        RetiredBy = RetiredBy,
    };
}
