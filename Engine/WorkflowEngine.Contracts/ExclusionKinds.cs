using System.Collections.Frozen;

namespace WorkflowEngine.Contracts;

/// <summary>
/// The values of <see cref="StepExclusionStarted.Kind"/>: the periods 行政许可法 Art. 45 leaves out of a limit, with
/// the names an applicant reads.
/// </summary>
public static class ExclusionKinds
{
    public const string Testing = "testing";
    public const string Inspection = "inspection";
    public const string Quarantine = "quarantine";
    public const string ExpertReview = "expert-review";
    public const string Hearing = "hearing";

    public static FrozenDictionary<string, string> Names { get; } = new Dictionary<string, string>
    {
        [Testing] = "检验检测",
        [Inspection] = "现场勘验",
        [Quarantine] = "检疫",
        [ExpertReview] = "专家评审",
        [Hearing] = "听证",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The same names in English, for a reader of the English pages.</summary>
    public static FrozenDictionary<string, string> NamesEn { get; } = new Dictionary<string, string>
    {
        [Testing] = "Testing",
        [Inspection] = "On-site inspection",
        [Quarantine] = "Quarantine",
        [ExpertReview] = "Expert review",
        [Hearing] = "Hearing",
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
