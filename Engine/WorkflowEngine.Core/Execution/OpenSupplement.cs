namespace WorkflowEngine.Core.Execution;

/// <summary>
/// A step's supplement request (补正) waiting for the applicant, who has until <paramref name="AnswerBy"/> when the
/// definition sets a limit (<c>supplements.answerWithin</c>).
/// </summary>
public sealed record OpenSupplement(
    Guid RequestId, IReadOnlyList<SupplementRequestItem> Items, string? Note, string RequestedBy, DateTimeOffset RequestedAt, DateTimeOffset? AnswerBy = null)
{
    /// <summary>The fields of <see cref="Items"/> the applicant has corrected so far (<see cref="SupplementFieldsCorrectedEvent"/>).</summary>
    public IReadOnlyList<string>? Corrected { get; init; }

    /// <summary>Whether every field item has been corrected.</summary>
    public bool FieldsAnswered => Items.All(i => i.Field is not { } key || (Corrected?.Contains(key, StringComparer.Ordinal) ?? false));
}
