using System.Text;
using System.Text.Json;

namespace WorkflowEngine.Runtime.Departments;

/// <summary>
/// A step's JSON as a task keeps it: everything but the combined form, which is kept once per application instead of
/// once per task (a department carrying out several steps of an application held several copies of a form that may be
/// large). The form is cut out of the JSON as it arrived, without writing the step out again.
/// </summary>
public static class StepPayload
{
    private static readonly byte[] FormProperty = "form"u8.ToArray();

    /// <summary>The step's JSON with <c>"form": null</c>, and the form's own JSON (null when the step has none).</summary>
    public static (string Payload, string? Form) SplitForm(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var reader = new Utf8JsonReader(bytes);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return (body, null);
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isForm = reader.ValueTextEquals(FormProperty);
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            if (!isForm)
            {
                continue;
            }

            var end = (int)reader.BytesConsumed;
            var form = Encoding.UTF8.GetString(bytes, start, end - start);
            if (form == "null")
            {
                return (body, null);
            }

            var payload = string.Concat(Encoding.UTF8.GetString(bytes, 0, start), "null", Encoding.UTF8.GetString(bytes, end, bytes.Length - end));
            return (payload, form);
        }

        return (body, null);
    }
}
