namespace WorkflowEngine.Hosting.Api;

/// <summary>A service in the catalogue.</summary>
public sealed record ServiceSummaryDto(string Id, int Version, string Title, string? TitleEn, string Category, string? Description, string? PromisedLimit, string? StatutoryLimit);

/// <summary>The one-time notification of a service (一次性告知): form, materials, steps and limits.</summary>
public sealed record ServiceDto(
    string Id,
    int Version,
    string Title,
    string? TitleEn,
    string Category,
    string? Description,
    string Calendar,
    string? PromisedLimit,
    string? StatutoryLimit,
    IReadOnlyList<FieldDto> Form,
    IReadOnlyList<MaterialSpecDto> Materials,
    IReadOnlyList<StepSpecDto> Steps,
    ServiceGuideDto? Guide = null);

public sealed record FieldDto(
    string Key,
    string Label,
    string Type,
    bool Required,
    string? Help,
    int? MinLength,
    int? MaxLength,
    string? Pattern,
    decimal? Min,
    decimal? Max,
    string? MinDate,
    string? MaxDate,
    IReadOnlyList<OptionDto>? Options,
    bool Multiple);

public sealed record OptionDto(string Value, string Label);

public sealed record MaterialSpecDto(
    string Key,
    string Name,
    string? Description,
    bool Required,
    string? Deferrable,
    IReadOnlyList<string> Formats,
    decimal? MaxSizeMb,
    IReadOnlyList<string> UsedBy);

public sealed record StepSpecDto(
    string StepId, string Title, string Kind, string? Department, string? DepartmentName, string? Limit, string? When, CommitmentSpecDto? Commitment = null,
    string? StatutoryLimit = null);

/// <summary>What a submission returns.</summary>
public sealed record SubmittedDto(
    Guid Id,
    string TrackingNumber,
    string Status,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? DueAt,
    DateTimeOffset? StatutoryDueAt,
    IReadOnlyList<MaterialDto> Materials,
    bool Provisional = false,
    string? ProvisionalReason = null,
    IReadOnlyList<int>? ProvisionalYears = null)
{
    /// <summary>The language e-mails and SMS to the applicant are written in: <c>zh-CN</c> or <c>en</c> (<see cref="Runtime.Applications.ApplicantLanguages"/>).</summary>
    public string Language { get; init; } = Runtime.Applications.ApplicantLanguages.Chinese;
}

/// <summary>
/// An application with every step's progress and deadline. Here and on <see cref="StepDto"/>, a department's <c>TaskDto</c> and
/// <see cref="SubmittedDto"/>, <c>provisional</c> is true when the due time is counted through a year whose holiday
/// arrangement is not loaded (暂定): <c>provisionalReason</c> says so naming the calendar and <c>provisionalYears</c>.
/// <c>warning</c> (here the bundle's, on a step its own) is the worse of the cards against the promised and the statutory
/// limit; <c>warningLimit</c> names the limit it is about, <c>promisedWarning</c> and <c>statutoryWarning</c> give each.
/// </summary>
public sealed record ApplicationDto(
    Guid Id,
    string TrackingNumber,
    string ServiceId,
    int ServiceVersion,
    string ServiceTitle,
    string Status,
    string ApplicantId,
    string? ApplicantName,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? AcceptedAt,
    DateTimeOffset? DueAt,
    DateTimeOffset? StatutoryDueAt,
    string? Warning,
    DateTimeOffset? CompletedAt,
    bool? OnTime,
    string? Reason,
    System.Text.Json.Nodes.JsonNode? Form,
    IReadOnlyList<StepDto> Steps,
    IReadOnlyList<MaterialDto> Materials,
    IReadOnlyList<NotificationDto> Notifications,
    IReadOnlyList<CertificateDto> Certificates,
    IReadOnlyList<SupplementDto> Supplements,
    bool Provisional = false,
    string? ProvisionalReason = null,
    IReadOnlyList<int>? ProvisionalYears = null)
{
    /// <summary>The language e-mails and SMS to the applicant are written in: <c>zh-CN</c> or <c>en</c> (<see cref="Runtime.Applications.ApplicantLanguages"/>).</summary>
    public string Language { get; init; } = Runtime.Applications.ApplicantLanguages.Chinese;

    /// <summary>Which limit <see cref="Warning"/> is about: the most urgent card's (statutory before promised); null without one.</summary>
    public string? WarningLimit { get; init; }

    /// <summary>The bundle's card against its promised limit (承诺时限).</summary>
    public LimitWarningDto? PromisedWarning { get; init; }

    /// <summary>The bundle's card against its statutory limit (法定时限); null where the definition gives none.</summary>
    public LimitWarningDto? StatutoryWarning { get; init; }
}

public sealed record ApplicationSummaryDto(
    Guid Id,
    string TrackingNumber,
    string ServiceId,
    string Status,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? DueAt,
    DateTimeOffset? CompletedAt,
    bool? OnTime,
    bool Provisional = false,
    string? ProvisionalReason = null,
    IReadOnlyList<int>? ProvisionalYears = null)
{
    /// <summary>The language e-mails and SMS to the applicant are written in: <c>zh-CN</c> or <c>en</c> (<see cref="Runtime.Applications.ApplicantLanguages"/>).</summary>
    public string Language { get; init; } = Runtime.Applications.ApplicantLanguages.Chinese;
}

public sealed record StepDto(
    string StepId,
    string Kind,
    string? Department,
    string? DepartmentName,
    string Title,
    string Status,
    DateTimeOffset? DispatchedAt,
    DateTimeOffset? DueAt,
    string? Warning,
    string? Clock,
    string? ClaimedBy,
    DateTimeOffset? CompletedAt,
    bool? OnTime,
    string? Outcome,
    string? Reason,
    IReadOnlyDictionary<string, string>? Outputs,
    CommitmentDto? Commitment = null,
    bool Provisional = false,
    string? ProvisionalReason = null,
    IReadOnlyList<int>? ProvisionalYears = null)
{
    /// <summary>Which limit <see cref="Warning"/> is about: the most urgent card's (statutory before promised); null without one.</summary>
    public string? WarningLimit { get; init; }

    /// <summary>The step's card against its promised limit (its <c>limit</c>).</summary>
    public LimitWarningDto? PromisedWarning { get; init; }

    /// <summary>The step's card against its statutory limit (its <c>statutoryLimit</c>); null where the definition gives none.</summary>
    public LimitWarningDto? StatutoryWarning { get; init; }

    /// <summary>
    /// When the department acknowledged the step (its task exists); where no acknowledgement came before the claim, the
    /// claim's time, as the engine records it. Null until then, and again when the step is sent afresh.
    /// </summary>
    public DateTimeOffset? ReceivedAt { get; init; }

    /// <summary>When a clerk took the step up (the latest claim; null while nobody holds it, or when it was never claimed).</summary>
    public DateTimeOffset? ClaimedAt { get; init; }
}

public sealed record MaterialDto(
    string Key,
    string Name,
    bool Required,
    string Status,
    DateTimeOffset? DueBy,
    string? FileName,
    long? Size,
    string? Sha256,
    DateTimeOffset? UploadedAt,
    string? Download,
    int? Version,
    IReadOnlyList<MaterialVersionDto> Versions)
{
    /// <summary>How many photos of the paper document's pages the current file (a PDF) was assembled from; null for a file uploaded as it is.</summary>
    public int? PhotoPages { get; init; }
}

/// <summary>
/// A message to the applicant: <c>message</c> in English when the request prefers English and the engine kept it in
/// English, otherwise as stored in Chinese; <c>language</c> says which (<c>en</c> or <c>zh-CN</c>).
/// </summary>
public sealed record NotificationDto(DateTimeOffset At, string Kind, string Message, string Language = "zh-CN");

/// <summary>
/// A certificate issued at unified issuance (统一发证); <c>revoked</c> once it is void (作废) because the approval it
/// rests on was revoked, with <c>revokedAt</c> and <c>revokedReason</c> (null while it is valid).
/// </summary>
public sealed record CertificateDto(
    string Name, string FromStep, IReadOnlyDictionary<string, string> Details, DateTimeOffset IssuedAt, bool Revoked, DateTimeOffset? RevokedAt, string? RevokedReason);

public sealed record AuditDto(long Sequence, DateTimeOffset At, string Type, string? StepId, string? Actor, IReadOnlyDictionary<string, string?>? Data, string? Hash);

public sealed record DefinitionSummaryDto(string Id, string Title, int? PublishedVersion, IReadOnlyList<DefinitionVersionDto> Versions);

/// <summary>A definition that passed validation (one that did not is answered with a problem listing each error at its line).</summary>
public sealed record DefinitionValidDto(bool Valid, string? Id, IReadOnlyList<DefinitionErrorDto> Errors);

public sealed record DraftDto(string Id, int Version, string Status, bool Valid, IReadOnlyList<DefinitionErrorDto> Errors);

public sealed record DefinitionSourceDto(string Id, int Version, string Status, string Source, IReadOnlyList<DefinitionErrorDto> Errors);

/// <summary>
/// A year's arrangement as read, whether it was kept (<c>loaded</c>; false for a preview) and replaced one loaded before,
/// and every due time of an open application it moves (<c>kind</c>: a step's or stage's, a deferred material's, the bundle's).
/// </summary>
public sealed record CalendarYearLoadDto(
    string Calendar,
    int Year,
    string? Source,
    bool Loaded,
    bool Replaced,
    IReadOnlyList<CalendarHolidayDto> Holidays,
    IReadOnlyList<DateOnly> MakeUpWorkdays,
    IReadOnlyList<MovedDueTimeDto> Moved);

public sealed record CalendarHolidayDto(string Name, DateOnly From, DateOnly To);

/// <summary>
/// A due time a loaded year moves: <c>before</c>/<c>after</c> the promised one (a material's or verification's own), and
/// <c>statutoryBefore</c>/<c>statutoryAfter</c> the statutory one of a step, stage or bundle that has that limit (else null).
/// </summary>
public sealed record MovedDueTimeDto(
    Guid ApplicationId,
    string TrackingNumber,
    string ServiceId,
    string Kind,
    string? StepId,
    string? Material,
    string? Title,
    DateTimeOffset Before,
    DateTimeOffset After,
    DateTimeOffset? StatutoryBefore,
    DateTimeOffset? StatutoryAfter);

public sealed record DueDto(string Calendar, DateTimeOffset From, string Limit, DateTimeOffset Due);

/// <summary>One date; <c>source</c> is the calendar whose arrangement made it a holiday or a worked weekend (a parent's, or the calendar's own day).</summary>
public sealed record CalendarDayDto(DateOnly Date, string DayOfWeek, bool Working, string Kind, string? Name, bool Announced, string? Source);
