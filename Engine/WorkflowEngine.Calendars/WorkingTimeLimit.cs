using System.Globalization;

namespace WorkflowEngine.Calendars;

/// <summary>A time limit in statutory working time: <c>{ workingDays: 8 }</c> or <c>{ workingHours: 4 }</c>.</summary>
public sealed record WorkingTimeLimit
{
    public decimal? WorkingDays { get; init; }

    public decimal? WorkingHours { get; init; }

    public static WorkingTimeLimit Days(decimal days) => new() { WorkingDays = days };

    public static WorkingTimeLimit Hours(decimal hours) => new() { WorkingHours = hours };

    /// <summary>True when exactly one of the two amounts is given and it is positive.</summary>
    public bool IsWellFormed =>
        (WorkingDays is > 0 && WorkingHours is null) || (WorkingHours is > 0 && WorkingDays is null);

    /// <summary>The limit in working hours, a working day counting as <paramref name="hoursPerDay"/>.</summary>
    public double ToHours(double hoursPerDay) =>
        WorkingDays is { } d ? (double)d * hoursPerDay : (double)(WorkingHours ?? 0);

    public override string ToString() => WorkingDays is { } d
        ? string.Create(CultureInfo.InvariantCulture, $"{d:0.##} 个工作日")
        : string.Create(CultureInfo.InvariantCulture, $"{WorkingHours ?? 0:0.##} 个工作小时");

    /// <summary>The limit in English words, for messages on the English pages.</summary>
    public string ToEnglish() => WorkingDays is { } d
        ? string.Create(CultureInfo.InvariantCulture, $"{d:0.##} working day{(d == 1 ? "" : "s")}")
        : string.Create(CultureInfo.InvariantCulture, $"{WorkingHours ?? 0:0.##} working hour{(WorkingHours == 1 ? "" : "s")}");
}
