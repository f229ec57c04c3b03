namespace WorkflowEngine.Runtime.Applications;

/// <summary>
/// What the window staff's list is narrowed to: a whole tracking number (<see cref="Number"/>), the start of one
/// (<see cref="NumberPrefix"/>), or part of the citizen's name (<see cref="Name"/>); all null for every one.
/// </summary>
public sealed record WalkInSearch(string? Number = null, string? NumberPrefix = null, string? Name = null)
{
    public static readonly WalkInSearch All = new();

    /// <summary>
    /// Reads what staff typed, already in capitals when it is a number: a whole number as it is issued, the start of one
    /// (<c>YB</c> and further digits, hyphen and letters), else part of a name, as typed.
    /// </summary>
    public static WalkInSearch Of(string? typed)
    {
        var text = (typed ?? "").Trim();
        if (text.Length == 0)
        {
            return All;
        }

        var upper = WorkflowEngine.Core.Model.TrackingNumbers.Normalize(text);
        if (TrackingNumbers.IsWellFormed(upper))
        {
            return new(Number: upper);
        }

        return upper.StartsWith("YB", StringComparison.Ordinal) && upper.All(c => c is '-' or (>= '0' and <= '9') or (>= 'A' and <= 'Z'))
            ? new(NumberPrefix: upper)
            : new(Name: text);
    }
}
