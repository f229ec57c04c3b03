using System.Buffers;
using System.Text;
using System.Text.Json;

namespace WorkflowEngine.Runtime.Departments;

/// <summary>
/// A step's JSON as a task keeps it: everything but the combined form, which is kept once per application instead of
/// once per task (a department carrying out several steps of an application held several copies of a form that may be
/// large). The form is cut out of the JSON as it arrived, without writing the step out again; the UTF-8 the reader
/// needs goes to a pooled buffer, so the cut costs the two strings it makes and nothing more.
/// </summary>
public static class StepPayload
{
    private static readonly byte[] FormProperty = "form"u8.ToArray();

    /// <summary>The step's JSON with <c>"form": null</c>, and the form's own JSON (null when the step has none).</summary>
    public static (string Payload, string? Form) SplitForm(string body) => Split(body, FormProperty);

    /// <summary>
    /// The step's JSON with the top-level <paramref name="property"/> null, and that property's own JSON (null when the
    /// step has none): for what a department keeps once per application rather than in each task.
    /// </summary>
    public static (string Payload, string? Value) Split(string body, ReadOnlySpan<byte> property)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(body.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(body, buffer);
            if (ValueOf(buffer.AsSpan(0, length), property) is not var (start, end))
            {
                return (body, null);
            }

            // Byte offsets to character offsets: the characters before each, counted in place.
            var from = Encoding.UTF8.GetCharCount(buffer.AsSpan(0, start));
            var to = from + Encoding.UTF8.GetCharCount(buffer.AsSpan(start, end - start));
            var value = body[from..to];
            return value == "null" ? (body, null) : (string.Concat(body.AsSpan(0, from), "null", body.AsSpan(to)), value);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Where the top-level <paramref name="property"/>'s value starts and ends, in bytes; null when there is none.</summary>
    private static (int Start, int End)? ValueOf(ReadOnlySpan<byte> json, ReadOnlySpan<byte> property)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isWanted = reader.ValueTextEquals(property);
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            if (isWanted)
            {
                return (start, (int)reader.BytesConsumed);
            }
        }

        return null;
    }
}
