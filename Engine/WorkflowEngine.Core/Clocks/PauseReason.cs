using System.Text.Json.Serialization;

namespace WorkflowEngine.Core.Clocks;

/// <summary>
/// Why a clock stands still: the applicant was asked for supplementary material (补正), or the law does not count the
/// period (hearing, testing, inspection, quarantine, expert review; 行政许可法 Art. 45), or a material accepted late is overdue.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<PauseReason>))]
public enum PauseReason
{
    SupplementRequested,
    ExcludedPeriod,

    /// <summary>A material accepted late (容缺) was not supplied by its due time, and the definition pauses the steps using it.</summary>
    MaterialOverdue,
}
