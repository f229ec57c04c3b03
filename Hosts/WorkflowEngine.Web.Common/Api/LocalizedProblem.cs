using Microsoft.AspNetCore.Http;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// A problem put into words when it is answered, since only then is the request's language known to code that reads a
/// body or checks a header without the request at hand: <paramref name="answer"/> gets true for English.
/// </summary>
public sealed class LocalizedProblem(Func<bool, IResult> answer) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext) => answer(RequestLanguage.PrefersEnglish(httpContext.Request)).ExecuteAsync(httpContext);
}
