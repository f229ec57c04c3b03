namespace WorkflowEngine.Persistence;

/// <summary>Instants are stored as Unix milliseconds in every dialect: portable, compact, and they sort.</summary>
internal static class Instants
{
    public static long ToMs(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static long? ToMs(DateTimeOffset? value) => value?.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromMs(long value) => DateTimeOffset.FromUnixTimeMilliseconds(value);

    public static DateTimeOffset? FromMs(long? value) => value is { } v ? DateTimeOffset.FromUnixTimeMilliseconds(v) : null;

    public static long? Flag(bool? value) => value switch
    {
        null => null,
        true => 1,
        false => 0,
    };

    public static bool? Flag(long? value) => value is { } v ? v != 0 : null;
}
