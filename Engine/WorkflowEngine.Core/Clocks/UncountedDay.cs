namespace WorkflowEngine.Core.Clocks;

/// <summary>
/// A date that did not count, or not wholly: <see cref="Name"/> is the holiday's name or the pause's reason in words;
/// <see cref="OfficeTime"/> is the office time of the date left out (none on weekends and holidays, which have none).
/// </summary>
public sealed record UncountedDay(DateOnly Date, UncountedReason Reason, string? Name, TimeSpan OfficeTime)
{
    /// <summary>A pause's reason in English, where the engine kept one (a holiday's name is put into English when shown).</summary>
    public string? PauseTextEn { get; init; }
}
