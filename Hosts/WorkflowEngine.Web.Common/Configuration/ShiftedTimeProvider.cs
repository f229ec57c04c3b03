using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace WorkflowEngine.Hosting.Configuration;

/// <summary>
/// The system's clock moved by a fixed offset (<c>Clock:Offset</c>, e.g. <c>-274.01:00:00</c>), for Development only: a
/// rehearsal or a test that starts real host processes needs them inside office hours whatever the hour outside, so
/// that working time passes and deadline timers come due. Every process given the same offset agrees on the time,
/// across restarts; timers and delays run at the real rate. Outside Development the setting stops the host: a
/// government system's deadlines count from the real time only.
/// </summary>
public sealed class ShiftedTimeProvider(TimeProvider inner, TimeSpan offset) : TimeProvider
{
    public const string Setting = "Clock:Offset";

    public TimeSpan Offset => offset;

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + offset;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override long GetTimestamp() => inner.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);

    /// <summary>The clock the configuration asks for: the system's, or in Development the system's shifted by <see cref="Setting"/>.</summary>
    public static TimeProvider From(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        if (configuration[Setting] is not { Length: > 0 } text)
        {
            return System;
        }

        if (!environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"{Setting} is set ('{text}') outside Development. Deadlines count from the real time only; remove the setting.");
        }

        if (!TimeSpan.TryParse(text, global::System.Globalization.CultureInfo.InvariantCulture, out var shift))
        {
            throw new InvalidOperationException($"{Setting} '{text}' is not a time span such as -274.01:00:00 (days.hours:minutes:seconds).");
        }

        return shift == TimeSpan.Zero ? System : new ShiftedTimeProvider(System, shift);
    }
}
