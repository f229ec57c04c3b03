using System.Text.Unicode;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using WorkflowEngine.Hosting.Pages;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// A request address whose percent-escapes are not UTF-8 (the overlong <c>%C0%AF</c>, a lone <c>%FF</c>) is refused
/// with a 400 saying so, for the API and the pages alike, as a body that is not UTF-8 is: the server keeps such escapes
/// undecoded, and a page or an error would otherwise show "%C0%AF" back as if it were a department or a service.
/// </summary>
public static class PathEncodingGuard
{
    private static readonly ProblemText Title = new("请求地址有误", "Bad address");

    private static readonly ProblemText Detail = new(
        "请求地址中含有不是 UTF-8 编码的字符，无法识别；请检查链接或重新输入地址",
        "The address holds characters that are not encoded as UTF-8 and cannot be read: check the link or type the address again");

    public static IApplicationBuilder UseUtf8Paths(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // Only the target as it came over the wire can say whether its escapes are UTF-8: the decoded path has turned
        // "%25C0" into "%C0" already. A server that keeps no raw target is not second-guessed.
        if (context.Features.Get<IHttpRequestFeature>()?.RawTarget is not { Length: > 0 } target)
        {
            await next(context);
            return;
        }

        var query = target.IndexOf('?', StringComparison.Ordinal);
        if (IsUtf8(query < 0 ? target : target[..query]))
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        if (SecurityHeaders.IsApi(context.Request.Path))
        {
            await Problems.Status(StatusCodes.Status400BadRequest, Title, Detail).ExecuteAsync(context);
            return;
        }

        var text = PlainPage.Text(context.Request);
        await PlainPage.WriteAsync(
            context, text.IsEnglishText ? Title.En : Title.Zh, text.IsEnglishText ? Detail.En : Detail.Zh, "/", text.SiteName, context.RequestAborted);
    });

    /// <summary>Whether the path, its percent-escapes decoded, is UTF-8 (a '%' not followed by two hex digits stands for itself).</summary>
    public static bool IsUtf8(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.Contains('%', StringComparison.Ordinal))
        {
            return true;
        }

        var bytes = new List<byte>(path.Length);
        for (var i = 0; i < path.Length; i++)
        {
            if (path[i] == '%' && i + 2 < path.Length && Uri.IsHexDigit(path[i + 1]) && Uri.IsHexDigit(path[i + 2]))
            {
                bytes.Add(Convert.ToByte(path.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(path[i].ToString()));
            }
        }

        return Utf8.IsValid(bytes.ToArray());
    }
}
