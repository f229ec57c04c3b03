using System.Text;

namespace WorkflowEngine.Persistence;

/// <summary>
/// A text parameter already encoded as UTF-8: <see cref="BatchCommand{T}"/> binds it to SQLite as it is. The state
/// JSON was serialized to UTF-8, copied into a .NET string (UTF-16), and encoded back to UTF-8 for SQLite: two
/// conversions and a 6 KB string at every transition of every application. Other providers get a string.
/// </summary>
public sealed class Utf8Text(byte[] bytes)
{
    public byte[] Bytes { get; } = bytes;

    /// <summary>The written form if there is one, else the text as read.</summary>
    public static Utf8Text Of(byte[]? utf8, string text) => new(utf8 ?? Encoding.UTF8.GetBytes(text));

    public override string ToString() => Encoding.UTF8.GetString(Bytes);
}
