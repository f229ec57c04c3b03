using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Core.Clocks;

/// <summary>
/// One entry of a clock's log. Due times are never stored on their own: they are derived from these entries on the
/// definition's calendar (<see cref="ClockArithmetic"/>).
/// </summary>
public sealed record ClockEvent
{
    // Not required: the stored state leaves default values out (a start's kind among them).
    public ClockEventKind Kind { get; init; }

    public DateTimeOffset At { get; init; }

    /// <summary>Pauses: supplement requested or excluded period.</summary>
    public PauseReason? Reason { get; init; }

    /// <summary>Pauses and extensions: the reason in words, as the applicant reads it.</summary>
    public string? Text { get; init; }

    /// <summary>Pauses: <see cref="Text"/> in English, where the engine wrote one (absent from entries written before).</summary>
    public string? TextEn { get; init; }

    /// <summary>Who did it; for an extension, who approved it.</summary>
    public string? Actor { get; init; }

    /// <summary>
    /// Pauses: when the pause ends by itself, if known (an excluded period with a set end); end changes: the new end.
    /// </summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Extensions: the working time added.</summary>
    public WorkingTimeLimit? Added { get; init; }

    public static ClockEvent Started(DateTimeOffset at) => new() { Kind = ClockEventKind.Start, At = at };

    public static ClockEvent Paused(DateTimeOffset at, PauseReason reason, string text, string? actor = null, string? textEn = null) =>
        new() { Kind = ClockEventKind.Pause, At = at, Reason = reason, Text = text, TextEn = textEn, Actor = actor };

    public static ClockEvent Resumed(DateTimeOffset at, string? actor = null) => new() { Kind = ClockEventKind.Resume, At = at, Actor = actor };

    public static ClockEvent Extended(DateTimeOffset at, string approver, string reason, WorkingTimeLimit added) =>
        new() { Kind = ClockEventKind.Extend, At = at, Actor = approver, Text = reason, Added = added };

    /// <summary>The pause under way now ends by itself at <paramref name="until"/> (set or moved by <paramref name="actor"/>).</summary>
    public static ClockEvent EndChanged(DateTimeOffset at, DateTimeOffset until, string? actor) =>
        new() { Kind = ClockEventKind.EndChanged, At = at, Until = until, Actor = actor };

    public static ClockEvent Stopped(DateTimeOffset at) => new() { Kind = ClockEventKind.Stop, At = at };

    /// <summary>The due time was counted again on a changed calendar; <paramref name="text"/> says what changed.</summary>
    public static ClockEvent Recounted(DateTimeOffset at, string text, string? actor) =>
        new() { Kind = ClockEventKind.Recount, At = at, Text = text, Actor = actor };
}
