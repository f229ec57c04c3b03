namespace WorkflowEngine.Calendars;

/// <summary>Asia/Shanghai, the time zone of everything a user sees.</summary>
public static class ChinaTime
{
    /// <summary>The zone from the system's tz database, or a fixed UTC+8 where none is installed (China has kept no daylight saving since 1991).</summary>
    public static TimeZoneInfo Zone { get; } = Find("Asia/Shanghai");

    public static TimeZoneInfo Find(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            if (id == "Asia/Shanghai")
            {
                return TimeZoneInfo.CreateCustomTimeZone(id, TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");
            }

            throw;
        }
    }

    /// <summary>The instant as Asia/Shanghai local time with its +08:00 offset.</summary>
    public static DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public static DateTimeOffset? ToLocal(DateTimeOffset? instant) => instant is { } i ? ToLocal(i) : null;

    /// <summary>The instant as a person reads it in a message: Asia/Shanghai wall time to the minute, e.g. 2026-12-07 17:00.</summary>
    public static string Format(DateTimeOffset instant) =>
        ToLocal(instant).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The Asia/Shanghai calendar date of an instant.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    /// <summary>Midnight starting an Asia/Shanghai calendar date.</summary>
    public static DateTimeOffset StartOfDay(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }
}
