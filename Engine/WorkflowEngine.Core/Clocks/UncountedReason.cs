using System.Text.Json.Serialization;

namespace WorkflowEngine.Core.Clocks;

/// <summary>Why a date did not count towards a limit.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<UncountedReason>))]
public enum UncountedReason
{
    /// <summary>A limit in whole working days starts counting the day after (受理当日不计入).</summary>
    StartDay,
    Weekend,
    Holiday,
    SupplementRequested,
    ExcludedPeriod,
    MaterialOverdue,
}
