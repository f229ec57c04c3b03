using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using WorkflowEngine.Hosting.Pages;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// A form read once, before any page or endpoint (they then use what was read), so that what ASP.NET Core's form reader
/// refuses, or quietly lets through, is refused with what was wrong rather than a bare 400 "Bad Request" from the
/// anti-forgery check: a NUL in a field (<c>%00</c> or a raw 0x00 byte), text that was not
/// UTF-8, too many fields, a field's name or value over its bound, a body cut off or over its limit. A page's form gets a
/// readable page in the visitor's language, an API call a problem document (<see cref="BodyRefusal"/>). URL-encoded forms
/// are read here for every caller; multipart forms only for pages, since the API reads its uploads with its own bounds
/// (<see cref="RequestBodies.ReadFormAsync"/>), which check the same.
/// </summary>
public static class FormNulCheck
{
    private static readonly ProblemText Title = new("表单无法提交", "The form could not be sent");

    /// <summary>True when the request was refused (and answered) for what its form holds.</summary>
    public static async Task<bool> RefusedAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (request.ContentLength is 0 || !MediaTypeHeaderValue.TryParse(request.ContentType, out var type))
        {
            return false;
        }

        var urlEncoded = type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
        var pageUpload = type.MediaType.Equals(MediaTypes.Multipart, StringComparison.OrdinalIgnoreCase) && !SecurityHeaders.IsApi(request.Path);
        if (!urlEncoded && !pageUpload)
        {
            return false;
        }

        var options = context.RequestServices.GetService<IOptions<FormOptions>>()?.Value ?? new FormOptions();
        if (urlEncoded)
        {
            // Kept, so that the text can be read again to find what the reader refused: bounded by the endpoint's body limit.
            request.EnableBuffering();
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(context.RequestAborted);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            var max = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? 0;
            await BodyRefusal.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, null, Problems.TooLargeTitle, new(
                $"提交的内容超过了 {Problems.Size(max)} 的上限，没有办理任何事项；请减少内容后重新提交",
                $"What was sent is over the limit of {Problems.Size(max, english: true)}, and nothing was done: send less and try again"));
            return true;
        }
        catch (InvalidDataException ex)
        {
            var found = urlEncoded ? Diagnose(await ReadBackAsync(request, context.RequestAborted), options) : null;
            var (field, detail) = found ?? ("body", Unreadable(ex));
            await RefuseAsync(context, field, detail);
            return true;
        }
        catch (Exception ex) when (ex is IOException or BadHttpRequestException && !context.RequestAborted.IsCancellationRequested)
        {
            await RefuseAsync(context, "body", new(
                "提交的内容不完整（传输中断，或 multipart 边界缺失、不匹配），没有办理任何事项；请重新提交",
                "What was sent is incomplete (the transfer broke off, or a multipart boundary is missing or does not match), and nothing was done: send it again"));
            return true;
        }

        var textJudged = context.GetEndpoint()?.Metadata.GetMetadata<FormTextJudged>() is not null;
        if (Check(form, utf8: !textJudged) is { } refusal)
        {
            await RefuseAsync(context, refusal.Field, refusal.Detail);
            return true;
        }

        return false;
    }

    /// <summary>
    /// The first field whose name or value holds a NUL or (unless the page judges that itself, <paramref name="utf8"/>
    /// false) text that was not UTF-8, decoded as U+FFFD; null when the form is clean. An uploaded file's name is checked with its material (<c>materials.&lt;key&gt;</c>), where pages and API meet.
    /// </summary>
    public static (string Field, ProblemText Detail)? Check(IFormCollection form, bool utf8 = true)
    {
        ArgumentNullException.ThrowIfNull(form);
        foreach (var (name, values) in form)
        {
            if (name.Contains('\0', StringComparison.Ordinal) || values.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true))
            {
                return (BodyRefusal.Quoted(name), Nul(BodyRefusal.Quoted(name)));
            }

            if (utf8 && (name.Contains('\uFFFD', StringComparison.Ordinal) || values.Any(v => v?.Contains('\uFFFD', StringComparison.Ordinal) == true)))
            {
                var field = BodyRefusal.Quoted(name);
                return (field, new(
                    $"表单中“{field}”一项不是有效的 UTF-8 文本（含有无效字节，或替换字符 U+FFFD）；请以 UTF-8 编码重新提交",
                    $"The field “{field}” of the form is not valid UTF-8 text (it holds invalid bytes, or the replacement character U+FFFD): send it again encoded as UTF-8"));
            }
        }

        return null;
    }

    private static ProblemText Nul(string field) => new(
        PageText.Format(PageText.For(WebPages.Cultures[0]).FormNulFormat, field),
        PageText.Format(PageText.For(WebPages.Cultures[1]).FormNulFormat, field));

    private static ProblemText Unreadable(Exception ex) => new(
        $"表单无法读取，没有办理任何事项：{ex.Message}", $"The form cannot be read, and nothing was done: {ex.Message}");

    private static async Task<string> ReadBackAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.Body.Position = 0;
        using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    /// <summary>
    /// What the form reader refused in a URL-encoded body, found by reading it again as it does: a NUL, too many fields,
    /// a name or a value too long. Null when none of these (the reader's own words are then given).
    /// </summary>
    private static (string Field, ProblemText Detail)? Diagnose(string body, FormOptions options)
    {
        var pairs = body.Split('&', StringSplitOptions.RemoveEmptyEntries);
        foreach (var pair in pairs)
        {
            var (name, value) = Split(pair);
            if (name.Contains('\0', StringComparison.Ordinal) || value.Contains('\0', StringComparison.Ordinal))
            {
                return (BodyRefusal.Quoted(name), Nul(BodyRefusal.Quoted(name)));
            }
        }

        if (pairs.Length > options.ValueCountLimit)
        {
            return ("body", new ProblemText(
                $"表单有 {pairs.Length} 项，超过了 {options.ValueCountLimit} 项的上限，没有办理任何事项",
                $"The form has {pairs.Length} fields, more than the {options.ValueCountLimit} that are read, and nothing was done"));
        }

        foreach (var pair in pairs)
        {
            var (name, value) = Split(pair);
            var field = BodyRefusal.Quoted(name);
            if (name.Length > options.KeyLengthLimit)
            {
                return (field, new ProblemText(
                    $"表单中有一项的名称（“{field}”）长于 {options.KeyLengthLimit} 个字符的上限，没有办理任何事项",
                    $"The name of a field of the form (“{field}”) is longer than the limit of {options.KeyLengthLimit} characters, and nothing was done"));
            }

            if (value.Length > options.ValueLengthLimit)
            {
                return (field, new ProblemText(
                    $"表单中“{field}”一项长于 {options.ValueLengthLimit} 个字符的上限，没有办理任何事项",
                    $"The field “{field}” of the form is longer than the limit of {options.ValueLengthLimit} characters, and nothing was done"));
            }
        }

        return null;
    }

    private static (string Name, string Value) Split(string pair)
    {
        var equals = pair.IndexOf('=', StringComparison.Ordinal);
        return (Decode(equals < 0 ? pair : pair[..equals]), equals < 0 ? "" : Decode(pair[(equals + 1)..]));
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    private static Task RefuseAsync(HttpContext context, string? field, ProblemText detail) =>
        BodyRefusal.WriteAsync(context, StatusCodes.Status400BadRequest, field, Title, detail);
}
