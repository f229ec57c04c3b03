using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkflowEngine.Hosting.Pages;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// Every error leaves as RFC 7807 problem details: a bad request (malformed body, oversized upload) with its status and
/// what was wrong; anything unexpected as a 500 whose details are logged, not shown. In the request's language. A browser
/// asking for a page gets the same as a readable page instead (<see cref="ErrorPage"/>).
/// </summary>
public static class ErrorHandling
{
    private static readonly ProblemText BadRequest = new("请求有误", "Bad request");

    public static IApplicationBuilder UseProblemResponses(this IApplicationBuilder app)
    {
        app.UseExceptionHandler(handler => handler.Run(async context =>
        {
            var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
            var english = RequestLanguage.PrefersEnglish(context.Request);
            var (status, title, detail) = error switch
            {
                BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status413PayloadTooLarge =>
                    (bad.StatusCode, Problems.TooLargeTitle, new ProblemText("上传的内容超过了允许的大小", "The upload is larger than allowed")),
                BadHttpRequestException bad => (bad.StatusCode, BadRequest, new ProblemText(bad.Message, bad.Message)),
                InvalidDataException bad => (StatusCodes.Status400BadRequest, BadRequest, new ProblemText(bad.Message, bad.Message)),
                _ => (StatusCodes.Status500InternalServerError, new ProblemText("服务器内部错误", "Internal server error"),
                    new ProblemText("请求未能完成，已记录，请稍后重试", "The request could not be completed; it has been logged: please try again later")),
            };
            if (status >= 500)
            {
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("WorkflowEngine.Api")
                    .LogError(error, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
            }

            context.Response.StatusCode = status;
            if (ErrorPage.IsFor(context.Request))
            {
                // A page's visitor reads the page's words for a failure, and a refusal's own in their language.
                var words = PlainPage.Text(context.Request).IsEnglishText;
                await (status >= 500
                    ? ErrorPage.WriteAsync(context, status)
                    : ErrorPage.WriteAsync(context, words ? title.En : title.Zh, words ? detail.En : detail.Zh));
                return;
            }

            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = status, Title = english ? title.En : title.Zh, Detail = english ? detail.En : detail.Zh },
            });
        }));
        // A status without a body: a browser asking for a page gets one it can read; everyone else, problem details.
        var problemDetails = new StatusCodePagesOptions().HandleAsync;
        app.UseStatusCodePages(new StatusCodePagesOptions
        {
            HandleAsync = context => ErrorPage.IsFor(context.HttpContext.Request)
                ? ErrorPage.WriteAsync(context.HttpContext, context.HttpContext.Response.StatusCode)
                : problemDetails(context),
        });
        return app;
    }
}
