using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// Every error leaves as RFC 7807 problem details: a bad request (malformed body, oversized upload) with its status and
/// what was wrong; anything unexpected as a 500 whose details are logged, not shown.
/// </summary>
public static class ErrorHandling
{
    public static IApplicationBuilder UseProblemResponses(this IApplicationBuilder app)
    {
        app.UseExceptionHandler(handler => handler.Run(async context =>
        {
            var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
            var (status, title, detail) = error switch
            {
                BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status413PayloadTooLarge =>
                    (bad.StatusCode, "请求过大", "上传的内容超过了允许的大小"),
                BadHttpRequestException bad => (bad.StatusCode, "请求有误", bad.Message),
                InvalidDataException bad => (StatusCodes.Status400BadRequest, "请求有误", bad.Message),
                _ => (StatusCodes.Status500InternalServerError, "服务器内部错误", "请求未能完成，已记录，请稍后重试"),
            };
            if (status >= 500)
            {
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("WorkflowEngine.Api")
                    .LogError(error, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
            }

            context.Response.StatusCode = status;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = status, Title = title, Detail = detail },
            });
        }));
        app.UseStatusCodePages();
        return app;
    }
}
