using WorkflowEngine.Calendars;

namespace WorkflowEngine.Core.Model;

/// <summary>A material the applicant supplies once (一次性告知), and which steps use it.</summary>
public sealed record MaterialSpec
{
    public required string Key { get; init; }

    public required LocalizedText Name { get; init; }

    public LocalizedText? Description { get; init; }

    public bool Required { get; init; }

    /// <summary>容缺: the application may be accepted without it, if it is supplied within this period.</summary>
    public WorkingTimeLimit? Deferrable { get; init; }

    /// <summary>The step ids that use this material; it is uploaded once and flows to each of them.</summary>
    public IReadOnlyList<string> UsedBy { get; init; } = [];

    /// <summary>Accepted file extensions, lower case without the dot (pdf, jpg, png); empty means any.</summary>
    public IReadOnlyList<string> Formats { get; init; } = [];

    /// <summary>The largest accepted file, in megabytes.</summary>
    public decimal? MaxSizeMb { get; init; }
}
