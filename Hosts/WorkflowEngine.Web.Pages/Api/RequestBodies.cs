using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// The one place request bodies are read, strictly, so that a malformed one gets a precise 400 (or 413), never a 500:
/// bounded in size, decoded as UTF-8 that must be valid, and JSON whose keys are unique and whose strings are text.
/// Each problem in Chinese, or English when the request prefers it (<see cref="RequestLanguage"/>).
/// </summary>
public static class RequestBodies
{
    /// <summary>Deeper than any form or decision needs; also keeps the checks below from recursing far.</summary>
    public const int MaxJsonDepth = 64;

    private const int MaxErrors = 10;
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = MaxJsonDepth };
    private static readonly ProblemText Body = new("请求体", "The request body");

    /// <summary>
    /// Whether the request carries no body: <c>Content-Length: 0</c>, or neither a length nor chunks (what
    /// <c>curl -X POST</c> sends without <c>-d</c>), which the server reports as a request that cannot have one.
    /// </summary>
    public static bool IsEmpty(HttpRequest request) =>
        request.ContentLength == 0
        || (request.ContentLength is null && request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false });

    /// <summary>Reads the body as a JSON object of at most <paramref name="maxBytes"/>.</summary>
    public static async Task<(JsonObject? Body, IResult? Problem)> ReadJsonObjectAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        var (text, problem) = await ReadTextAsync(request, maxBytes, cancellationToken);
        return problem is not null ? (null, problem) : ParseJsonObject(text!, Body, "body");
    }

    /// <summary>
    /// A JSON object body bound to <typeparamref name="T"/>; one whose fields have the wrong types is refused with
    /// <paramref name="shape"/>, the form the body should take, and the field whose type is wrong.
    /// </summary>
    public static async Task<(T? Value, IResult? Problem)> ReadJsonAsync<T>(HttpRequest request, long maxBytes, ProblemText shape, CancellationToken cancellationToken)
        where T : class
    {
        var (body, problem) = await ReadJsonObjectAsync(request, maxBytes, cancellationToken);
        if (problem is not null)
        {
            return (null, problem);
        }

        try
        {
            return (body.Deserialize<T>(JsonSerializerOptions.Web), null);
        }
        catch (JsonException ex)
        {
            var field = ex.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
            return (null, Problems.Field("body", field is null ? shape : new(
                $"{shape.Zh}（“{field}”的类型不对）",
                $"{shape.En} (“{field}” has the wrong type)")));
        }
    }

    /// <summary>
    /// A document sent as text (a definition, a year's holiday arrangement): bounded, strict UTF-8, and not empty —
    /// <paramref name="whenEmpty"/> says what was expected. Its own reader bounds nesting and aliases.
    /// </summary>
    public static async Task<(string? Text, IResult? Problem)> ReadDocumentAsync(HttpRequest request, long maxBytes, ProblemText whenEmpty, CancellationToken cancellationToken)
    {
        var (text, problem) = await ReadTextAsync(request, maxBytes, cancellationToken);
        return problem is not null ? (null, problem)
            : string.IsNullOrWhiteSpace(text) ? (null, Problems.Field("body", whenEmpty))
            : (text, null);
    }

    /// <summary>Reads the body as UTF-8 text of at most <paramref name="maxBytes"/>; a leading byte-order mark is dropped.</summary>
    public static async Task<(string? Text, IResult? Problem)> ReadTextAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer.GetMemory(16 * 1024), cancellationToken)) > 0)
            {
                buffer.Advance(read);
                if (buffer.WrittenCount > maxBytes)
                {
                    return (null, Problems.BodyTooLarge(maxBytes));
                }
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Problems.BodyTooLarge(maxBytes));
        }
        catch (BadHttpRequestException ex)
        {
            return (null, Problems.Field("body", new ProblemText($"请求体不完整：{ex.Message}", $"The request body is incomplete: {ex.Message}")));
        }

        return Decode(buffer.WrittenSpan, "body");
    }

    /// <summary>Parses text as a JSON object; <paramref name="what"/> names it in messages, <paramref name="field"/> in errors.</summary>
    public static (JsonObject? Body, IResult? Problem) ParseJsonObject(string text, ProblemText what, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, Problems.Field(field, new ProblemText($"{what.Zh}为空，应为 JSON 对象", $"{what.En} is empty: it should be a JSON object")));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, DocumentOptions);
        }
        catch (JsonException ex)
        {
            return (null, Problems.Field(field, new ProblemText(
                $"{what.Zh}不是合法的 JSON：第 {ex.LineNumber + 1} 行第 {ex.BytePositionInLine + 1} 个字节附近 — {ex.Message.Split('.')[0]}",
                $"{what.En} is not valid JSON: near line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1} — {ex.Message.Split('.')[0]}")));
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, Problems.Field(field, new ProblemText($"{what.Zh}应为 JSON 对象（{{ … }}）", $"{what.En} should be a JSON object ({{ … }})")));
            }

            var errors = new Dictionary<string, ProblemText[]>(StringComparer.Ordinal);
            Check(document.RootElement, field, "", what, errors);
            return errors.Count > 0
                ? (null, Problems.Validation(errors))
                : (JsonObject.Create(document.RootElement.Clone()), null);
        }
    }

    /// <summary>
    /// Reads a multipart body with the given bounds. A body cut short, without its boundary, or not multipart at all
    /// is a 400 naming the body; a part over its bound a 413.
    /// </summary>
    public static async Task<(IFormCollection? Form, IResult? Problem)> ReadFormAsync(HttpRequest request, FormOptions options, CancellationToken cancellationToken)
    {
        request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, options));
        try
        {
            // A NUL or text that was not UTF-8 in a field, or a control character in a file's name, is refused as a page's form is.
            var form = await request.ReadFormAsync(cancellationToken);
            return FormNulCheck.Check(form) is { } refused ? (null, Problems.Field(refused.Field, refused.Detail)) : (form, null);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Problems.BodyTooLarge(options.MultipartBodyLengthLimit));
        }
        catch (InvalidDataException ex) when (ex.Message.Contains("length limit", StringComparison.Ordinal))
        {
            return (null, Problems.Field("body", new ProblemText(
                $"multipart 请求中有一部分超过了上限（文本字段 {Problems.Size(options.ValueLengthLimit)}，整个请求 {Problems.Size(options.MultipartBodyLengthLimit)}）",
                $"A part of the multipart request is over its limit ({Problems.Size(options.ValueLengthLimit, english: true)} for a text field, {Problems.Size(options.MultipartBodyLengthLimit, english: true)} for the whole request)")));
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            return (null, Problems.Field("body", new ProblemText(
                "multipart 请求体格式有误或不完整（边界缺失或不匹配、没有结束边界，或不是 multipart 内容）：" + ex.Message,
                "The multipart request body is malformed or incomplete (a boundary missing or not matching, no closing boundary, or not multipart at all): " + ex.Message)));
        }
    }

    /// <summary>
    /// A text field of a multipart body. ASP.NET Core decodes it replacing invalid bytes with U+FFFD, so the
    /// replacement character is refused: it means the sender's bytes were not UTF-8 (or were mangled on the way).
    /// </summary>
    public static IResult? CheckFormText(string text, string field) =>
        text.Contains('\uFFFD', StringComparison.Ordinal)
            ? Problems.Field(field, new ProblemText(
                $"{field} 字段不是有效的 UTF-8 文本（含有无效字节，或替换字符 U+FFFD）",
                $"The field {field} is not valid UTF-8 text (it holds invalid bytes, or the replacement character U+FFFD)"))
            : null;

    private static (string? Text, IResult? Problem) Decode(ReadOnlySpan<byte> bytes, string field)
    {
        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        if (bytes.IndexOf((byte)0) is >= 0 and var nul)
        {
            // Never text in any body this host reads; said plainly, rather than as the JSON or YAML reader's complaint.
            var line = bytes[..nul].Count((byte)'\n') + 1;
            return (null, Problems.Field(field, new ProblemText(
                $"请求体第 {line} 行（第 {nul + 1} 个字节）含有 NUL 字符（0x00 字节），它不能作为文本的一部分；请删除后重新发送",
                $"The request body holds a NUL character (a 0x00 byte) on line {line} (byte {nul + 1}), which cannot be part of text: remove it and send again")));
        }

        var chars = new char[bytes.Length];
        var status = Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false);
        return status == System.Buffers.OperationStatus.Done
            ? (new string(chars, 0, written), null)
            : (null, Problems.Field(field, new ProblemText(
                $"请求体不是有效的 UTF-8：第 {read + 1} 个字节起的字节序列无效（请以 UTF-8 编码发送）",
                $"The request body is not valid UTF-8: the bytes from byte {read + 1} on are invalid (send it encoded as UTF-8)")));
    }

    private static void Check(JsonElement element, string field, string path, ProblemText what, Dictionary<string, ProblemText[]> errors)
    {
        if (errors.Count >= MaxErrors)
        {
            return;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    if (!TryText(() => property.Name, out var name))
                    {
                        Add(errors, At(path, field), new(
                            $"{what.Zh}中“{At(path, field)}”的一个键含有不成对的 UTF-16 代理项（如 \\ud800），不是合法的 Unicode 文本",
                            $"{what.En}: a key of “{At(path, field)}” holds an unpaired UTF-16 surrogate (such as \\ud800), which is not valid Unicode text"));
                        continue;
                    }

                    var child = path.Length == 0 ? name : $"{path}.{name}";
                    if (!names.Add(name))
                    {
                        Add(errors, child, new($"{what.Zh}中键“{child}”重复出现；每个键只能出现一次", $"{what.En}: the key “{child}” appears more than once; each key may appear only once"));
                    }
                    else if (Control(name) is { } c)
                    {
                        Add(errors, child, new($"{what.Zh}中键“{child}”含有不允许的控制字符 {c}", $"{what.En}: the key “{child}” holds the control character {c}, which is not allowed"));
                    }

                    Check(property.Value, field, child, what, errors);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Check(item, field, $"{path}[{index++}]", what, errors);
                }

                break;
            case JsonValueKind.String:
                if (!TryText(element.GetString, out var text))
                {
                    Add(errors, At(path, field), new(
                        $"{what.Zh}中“{At(path, field)}”含有不成对的 UTF-16 代理项（如 \\ud800），不是合法的 Unicode 文本",
                        $"{what.En}: “{At(path, field)}” holds an unpaired UTF-16 surrogate (such as \\ud800), which is not valid Unicode text"));
                }
                else if (Control(text) is { } control)
                {
                    Add(errors, At(path, field), new(
                        $"{what.Zh}中“{At(path, field)}”含有不允许的控制字符 {control}（只允许换行、回车和制表符）",
                        $"{what.En}: “{At(path, field)}” holds the control character {control}, which is not allowed (only line feed, carriage return and tab are)"));
                }

                break;
        }
    }

    private static string At(string path, string field) => path.Length == 0 ? field : path;

    private static bool TryText(Func<string?> read, out string text)
    {
        try
        {
            text = read() ?? "";
            return true;
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json refuses to unescape half a surrogate pair into a string.
            text = "";
            return false;
        }
    }

    /// <summary>The first control character other than tab, line feed and carriage return, as U+XXXX.</summary>
    private static string? Control(string text)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
            {
                return c == '\0' ? "U+0000 (NUL)" : string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4}");
            }
        }

        return null;
    }

    private static void Add(Dictionary<string, ProblemText[]> errors, string key, ProblemText message) =>
        errors[key] = errors.TryGetValue(key, out var existing) ? [.. existing, message] : [message];
}
