using WorkflowEngine.Core.Clocks;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// One step on a card: which application; <see cref="Warning"/> the worse of its cards and <see cref="Limit"/> the limit
/// of the most urgent one; <see cref="Cards"/> each limit on a card with its due time, most urgent first. <see cref="DueAt"/>,
/// <see cref="YellowAt"/>, <see cref="LeftHours"/> and <see cref="Provisional"/> are the promised limit's, as before the
/// statutory limit was listed.
/// </summary>
public sealed record WarningDto(
    Guid ApplicationId, string TrackingNumber, string ServiceTitle, string StepId, string Title, string Warning, string ClockStatus,
    DateTimeOffset? DueAt, DateTimeOffset? YellowAt, decimal LeftHours, bool Provisional = false, string? ProvisionalReason = null)
{
    /// <summary><c>statutory</c> or <c>promised</c>: the limit of the most urgent card.</summary>
    public string Limit { get; init; } = WarningLimits.Promised;

    public IReadOnlyList<LimitWarningDto> Cards { get; init; } = [];

    /// <summary><see cref="ServiceTitle"/> in English, where the definition gives it.</summary>
    public string? ServiceTitleEn { get; init; }

    /// <summary><see cref="Title"/> in English, where the definition gives it.</summary>
    public string? TitleEn { get; init; }
}
