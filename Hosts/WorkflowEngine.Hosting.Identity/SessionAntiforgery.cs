using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Hosting.Identity;

/// <summary>
/// An API request that changes something and is signed in by the page session must carry the page's anti-forgery token
/// (header <see cref="HeaderName"/>, or the form field of a form post). The browser sends the session cookie with a form
/// posted from any site of the same registrable domain (SameSite=Lax stops only cross-site posts), and the API reads
/// bodies such a form can send (text/plain, forms, multipart) or none at all, so without the token a page elsewhere
/// could claim a task or publish a definition in a signed-in person's name. A bearer token or the demo header cannot be
/// added by a form, so those requests need no token: scripts use a bearer token.
/// </summary>
public sealed class SessionAntiforgery(RequestDelegate next, IAntiforgery antiforgery)
{
    /// <summary>The header the pages' scripts put the token in (ASP.NET Core's default, so the forms' field works too).</summary>
    public const string HeaderName = "RequestVerificationToken";

    private static readonly ProblemText Title = new("请求缺少防伪令牌", "Anti-forgery token missing");

    private static readonly ProblemText Detail = new(
        $"以网页登录会话（Cookie）调用接口修改数据时，须在请求头 {HeaderName} 中带上页面的防伪令牌；脚本请用 POST /api/auth/token 取得的令牌（Authorization: Bearer）调用",
        $"A call that changes data with the pages' session cookie must carry the page's anti-forgery token in the {HeaderName} header; scripts should use a bearer token from POST /api/auth/token");

    public async Task InvokeAsync(HttpContext context)
    {
        if (NeedsToken(context))
        {
            try
            {
                await antiforgery.ValidateRequestAsync(context);
            }
            catch (AntiforgeryValidationException)
            {
                await Problems.Status(StatusCodes.Status400BadRequest, Title, Detail).ExecuteAsync(context);
                return;
            }
        }

        await next(context);
    }

    private static bool NeedsToken(HttpContext context)
    {
        var method = context.Request.Method;
        var unsafeMethod = HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);
        return unsafeMethod
            && SessionCookie.IsApi(context.Request)
            && context.User.Identity?.IsAuthenticated == true
            && SignInHosting.SchemeFor(context) == SessionCookie.SchemeName;
    }
}
