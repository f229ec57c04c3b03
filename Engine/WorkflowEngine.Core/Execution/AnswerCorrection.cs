namespace WorkflowEngine.Core.Execution;

/// <summary>
/// One answer of the form the applicant corrected for a supplement request (补正): the revision the correction made, when,
/// the field, and its stored JSON before and after (<c>null</c> where there was none, or the applicant cleared it).
/// </summary>
public sealed record AnswerCorrection
{
    public int Revision { get; init; }

    public DateTimeOffset At { get; init; }

    public string Field { get; init; } = "";

    public string OldJson { get; init; } = "null";

    public string NewJson { get; init; } = "null";
}
