using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace WorkflowEngine.Core.Execution;

/// <summary>
/// How JSON the engine stores or sends is written. Chinese text is written as UTF-8 rather than as \uXXXX escapes:
/// half the bytes in every row and message that carries a form, and readable in the database. Characters that matter
/// in HTML (&lt; &gt; &amp; ' ") are still escaped.
/// </summary>
public static class StoredJson
{
    public static JavaScriptEncoder Encoder { get; } = JavaScriptEncoder.Create(UnicodeRanges.All);

    /// <summary>Default naming, for dictionaries and other shapes whose keys are data.</summary>
    public static JsonSerializerOptions Options { get; } = new() { Encoder = Encoder };

    /// <summary>camelCase, for contract messages and records.</summary>
    public static JsonSerializerOptions Web { get; } = new(JsonSerializerDefaults.Web) { Encoder = Encoder };
}
