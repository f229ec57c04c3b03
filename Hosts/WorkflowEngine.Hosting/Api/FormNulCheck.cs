using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using WorkflowEngine.Hosting.Pages;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// A URL-encoded form with a NUL (<c>%00</c>) in a field: ASP.NET Core's form reader refuses it with an exception that
/// the pages' anti-forgery check turns into a bare 400 "Bad Request". The form is read here first, once (the pages then
/// use what was read), so that the refusal names the field: a page's form gets a readable page in the visitor's language,
/// an API call a problem document.
/// </summary>
public static class FormNulCheck
{
    /// <summary>The longest field name quoted back.</summary>
    private const int MaxQuoted = 100;

    /// <summary>True when the request was refused (and answered) for a NUL in its form.</summary>
    public static async Task<bool> RefusedAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (request.ContentLength is 0 || !MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Kept, so that the text can be read again to find the field: bounded by the endpoint's body limit.
        request.EnableBuffering();
        try
        {
            await request.ReadFormAsync(context.RequestAborted);
            return false;
        }
        catch (InvalidDataException)
        {
            // Perhaps a NUL: looked for below. Any other refusal (too many fields) is met again by whoever reads the form next.
        }
        catch (Exception ex) when (ex is IOException or BadHttpRequestException)
        {
            // A body cut off or over its bound: the reader downstream meets the same failure and answers it as before.
            return false;
        }

        request.Body.Position = 0;
        using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        if (FieldWithNul(await reader.ReadToEndAsync(context.RequestAborted)) is not { } field)
        {
            return false;
        }

        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        if (SecurityHeaders.IsApi(request.Path))
        {
            await Problems.Field(field, new ProblemText(
                $"表单项“{field}”含有 NUL 字符（%00），请删除后重新提交", $"The form field “{field}” contains a NUL character (%00): remove it and send the form again")).ExecuteAsync(context);
        }
        else
        {
            var text = PlainPage.Text(request);
            await PlainPage.WriteAsync(
                context, text.FormNulTitle, PageText.Format(text.FormNulFormat, field), request.Path.Value ?? "/", text.Back, context.RequestAborted,
                $" data-field=\"{HtmlEncoder.Default.Encode(field)}\"");
        }

        return true;
    }

    /// <summary>The name of the first field whose name or value holds a NUL once decoded, shown readably; null if none does.</summary>
    private static string? FieldWithNul(string body)
    {
        foreach (var pair in body.Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Decode(pair[(equals + 1)..]);
            if (name.Contains('\0', StringComparison.Ordinal) || value.Contains('\0', StringComparison.Ordinal))
            {
                var shown = name.Replace("\0", "%00", StringComparison.Ordinal);
                return shown.Length > MaxQuoted ? shown[..MaxQuoted] + "…" : shown;
            }
        }

        return null;
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
