using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;
using WorkflowEngine.Hosting.Pages;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// A request body refused before any endpoint reads it, answered as its caller reads answers: the API with a problem
/// document in the request's language (Accept-Language), a page's form with a readable page in the visitor's language
/// (the language switch's cookie), naming the field where there is one.
/// </summary>
public static class BodyRefusal
{
    /// <summary>The longest field name quoted back.</summary>
    public const int MaxQuoted = 100;

    public static async Task WriteAsync(HttpContext context, int status, string? field, ProblemText title, ProblemText detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (SecurityHeaders.IsApi(request.Path))
        {
            var problem = status == StatusCodes.Status400BadRequest && field is not null
                ? Problems.Field(field, detail)
                : Problems.Status(status, title, detail);
            await problem.ExecuteAsync(context);
            return;
        }

        context.Response.StatusCode = status;
        var text = PlainPage.Text(request);
        await PlainPage.WriteAsync(
            context,
            text.IsEnglishText ? title.En : title.Zh,
            text.IsEnglishText ? detail.En : detail.Zh,
            request.Path.Value ?? "/",
            text.Back,
            context.RequestAborted,
            field is null ? "" : $" data-field=\"{HtmlEncoder.Default.Encode(field)}\"");
    }

    /// <summary>A field's name as quoted back: a NUL shown as <c>%00</c>, and at most <see cref="MaxQuoted"/> characters.</summary>
    public static string Quoted(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var shown = name.Replace("\0", "%00", StringComparison.Ordinal);
        return shown.Length > MaxQuoted ? shown[..MaxQuoted] + "…" : shown;
    }
}
