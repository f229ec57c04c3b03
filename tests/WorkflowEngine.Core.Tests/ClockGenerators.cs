using CsCheck;
using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Core.Tests;

/// <summary>What the clock property tests draw from: start instants over three years of the shipped calendar, and limits.</summary>
internal static class ClockGenerators
{
    private static readonly DateTimeOffset Base = new(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));
    private const int ThreeYearsOfMinutes = 3 * 366 * 24 * 60;

    public static readonly Gen<DateTimeOffset> Starts = Gen.Int[0, ThreeYearsOfMinutes].Select(m => Base.AddMinutes(m));

    /// <summary>Whole days, tenths of days and hours: every shape a definition's limit takes.</summary>
    public static readonly Gen<WorkingTimeLimit> Limits = Gen.OneOf(
        Gen.Int[1, 30].Select(d => WorkingTimeLimit.Days(d)),
        Gen.Int[1, 300].Select(t => WorkingTimeLimit.Days(t / 10m)),
        Gen.Int[1, 80].Select(h => WorkingTimeLimit.Hours(h / 2m)));
}
