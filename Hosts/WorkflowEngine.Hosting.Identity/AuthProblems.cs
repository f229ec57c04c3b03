using Microsoft.AspNetCore.Http;

namespace WorkflowEngine.Hosting.Identity;

/// <summary>The 401 and 403 problem responses of every sign-in scheme: API callers get problem details, never a redirect.</summary>
public static class AuthProblems
{
    public static Task UnauthorizedAsync(HttpResponse response, string detail)
    {
        response.StatusCode = StatusCodes.Status401Unauthorized;
        return response.WriteAsJsonAsync(
            new { type = "https://tools.ietf.org/html/rfc9110#section-15.5.2", title = "未登录", status = 401, detail },
            options: null,
            contentType: "application/problem+json");
    }

    public static Task ForbiddenAsync(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status403Forbidden;
        return response.WriteAsJsonAsync(
            new { type = "https://tools.ietf.org/html/rfc9110#section-15.5.4", title = "无权访问", status = 403, detail = "您的角色不能使用此功能" },
            options: null,
            contentType: "application/problem+json");
    }
}
