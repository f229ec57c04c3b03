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
    public static (string Payload, string? Form) SplitForm(string body)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(body.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(body, buffer);
            if (FormValue(buffer.AsSpan(0, length)) is not var (start, end))
            {
                return (body, null);
            }

            // Byte offsets to character offsets: the characters before each, counted in place.
            var from = Encoding.UTF8.GetCharCount(buffer.AsSpan(0, start));
            var to = from + Encoding.UTF8.GetCharCount(buffer.AsSpan(start, end - start));
            var form = body[from..to];
            return form == "null" ? (body, null) : (string.Concat(body.AsSpan(0, from), "null", body.AsSpan(to)), form);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Where the top-level <c>form</c> property's value starts and ends, in bytes; null when there is none.</summary>
    private static (int Start, int End)? FormValue(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isForm = reader.ValueTextEquals(FormProperty);
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            if (isForm)
            {
                return (start, (int)reader.BytesConsumed);
            }
        }

        return null;
    }
}
