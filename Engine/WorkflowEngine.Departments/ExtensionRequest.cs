namespace WorkflowEngine.Runtime.Departments;

/// <summary>A clerk's request for more time on a task, and the supervisor's answer to it.</summary>
public sealed class ExtensionRequest
{
    public required Guid Id { get; init; }

    public required Guid TaskId { get; init; }

    public required Guid ApplicationId { get; init; }

    public required string TrackingNumber { get; init; }

    public required string StepId { get; init; }

    public required int Attempt { get; init; }

    public required string Department { get; init; }

    /// <summary>The task's title, for the supervisor's list.</summary>
    public required string Title { get; init; }

    /// <summary>The task's title in English, where the engine sent it; null on requests kept before.</summary>
    public string? TitleEn { get; init; }

    /// <summary>Exactly one of this and <see cref="WorkingHours"/>.</summary>
    public decimal? WorkingDays { get; init; }

    public decimal? WorkingHours { get; init; }

    public required string Reason { get; init; }

    public required string RequestedBy { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }

    public required string Status { get; set; }

    public string? DecidedBy { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>The supervisor's words: why refused (required), or a note to an approval.</summary>
    public string? Decision { get; set; }

    /// <summary>The office hours asked for, a working day weighing <paramref name="workingDayHours"/>.</summary>
    public decimal HoursOf(decimal workingDayHours) => WorkingDays is { } days ? days * workingDayHours : WorkingHours ?? 0;

    /// <summary>The time asked for as people read it: <c>3 个工作日</c>, <c>4 个工作小时</c>.</summary>
    public string Amount => WorkingDays is { } d
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{d:0.##} 个工作日")
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{WorkingHours ?? 0:0.##} 个工作小时");
}
