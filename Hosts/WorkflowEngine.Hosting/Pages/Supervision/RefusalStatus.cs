using Microsoft.AspNetCore.Http;
using WorkflowEngine.Core.Clocks;

namespace WorkflowEngine.Hosting.Pages.Supervision;

/// <summary>The status a page answers with when the rules of extensions refuse, the same as the API's.</summary>
public static class RefusalStatus
{
    public static int Of(ClockExtensionRefusalKind kind) => kind switch
    {
        ClockExtensionRefusalKind.NotFound => StatusCodes.Status404NotFound,
        ClockExtensionRefusalKind.Forbidden => StatusCodes.Status403Forbidden,
        ClockExtensionRefusalKind.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        _ => StatusCodes.Status409Conflict,
    };
}
