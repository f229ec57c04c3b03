using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Core.Infrastructure;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Routing;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Hosting.Api;

namespace WorkflowEngine.Hosting.Pages;

/// <summary>
/// A page's form whose anti-forgery token no longer matches (the visitor signed in or out in another tab since the form
/// was drawn, or the token's cookie has gone) is answered with a readable page in the visitor's language and a link that
/// draws the page again with a fresh token, instead of a bare 400 that the status-code pages would answer only as
/// a request they cannot handle (<see cref="ErrorPage"/>).
/// Still a 400: nothing was done. The API's routes keep their problem details.
/// </summary>
public sealed class ExpiredFormFilter : IAlwaysRunResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is IAntiforgeryValidationFailedResult && !SecurityHeaders.IsApi(context.HttpContext.Request.Path))
        {
            context.Result = new ExpiredFormResult();
        }
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }

    private sealed class ExpiredFormResult : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context)
        {
            var http = context.HttpContext;
            var text = PlainPage.Text(http.Request);
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return PlainPage.WriteAsync(http, text.ExpiredFormTitle, text.ExpiredFormMessage, Reopen(context), text.ExpiredFormReopen, http.RequestAborted);
        }

        /// <summary>
        /// The page the form was on, by GET: its address without the handler the form posted to. The language switch has
        /// no page of its own, so it sends the visitor back to the page they were reading, when that is on this site.
        /// </summary>
        private static string Reopen(ActionContext context)
        {
            var request = context.HttpContext.Request;
            if (request.Path.Equals("/language", StringComparison.OrdinalIgnoreCase))
            {
                // The rule the sign-in page and the language switch itself apply: a browser drops tabs and line breaks
                // from a link's address, so "/<TAB>/elsewhere" would lead off the site as "//elsewhere".
                var returnUrl = request.HasFormContentType ? request.Form["returnUrl"].ToString() : "";
                var url = context.HttpContext.RequestServices.GetRequiredService<IUrlHelperFactory>().GetUrlHelper(context);
                return url.IsLocalUrl(returnUrl) ? returnUrl : "/";
            }

            var query = QueryString.Create(request.Query
                .Where(q => !string.Equals(q.Key, "handler", StringComparison.OrdinalIgnoreCase))
                .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v))));
            return request.PathBase.Add(request.Path).Value + query.Value;
        }
    }
}
