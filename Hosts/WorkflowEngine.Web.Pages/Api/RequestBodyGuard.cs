using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using WorkflowEngine.Hosting.Configuration;
using WorkflowEngine.Runtime;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// Before an endpoint reads its body: refuses a Content-Type it does not read (415), refuses a declared length over its
/// bound (413), and tells the server the bound, so a body sent without a length is cut off there too; a form it cannot
/// take (a NUL in a field, too many fields, text not UTF-8, …) is refused saying what was wrong (<see cref="FormNulCheck"/>).
/// A page's form is answered with a page, the API with problem details (<see cref="BodyRefusal"/>). Runs after
/// authorization, so a caller who may not use the endpoint learns nothing about its body. Its refusals are in the
/// request's language (<see cref="RequestLanguage"/>).
/// </summary>
public sealed class RequestBodyGuard(RequestDelegate next, IOptions<RequestLimits> limits, IOptions<EngineOptions> engine)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // Endpoint metadata is a list of objects: the rule is there boxed (GetMetadata<T> takes reference types only).
        // A page's GET shares its endpoint with its form's POST: only a method that carries a body is held to the rule.
        var rule = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            ? null
            : context.GetEndpoint()?.Metadata.OfType<BodyRule>().Select(r => (BodyRule?)r).LastOrDefault();
        var contentType = context.Request.ContentType;
        var max = MaxBytes(rule, contentType);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = max;
        }

        // Refused as the caller reads answers: a problem document for the API, a page for a page's form.
        if (context.Request.ContentLength > max)
        {
            await BodyRefusal.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, null, Problems.TooLargeTitle, Problems.BodyTooLargeDetail(max));
            return;
        }

        // A request without a body has nothing to type (an optional body left out); the endpoint says if it needed one.
        if (rule is { } expected && !RequestBodies.IsEmpty(context.Request) && Unsupported(expected, contentType) is { } refusal)
        {
            await BodyRefusal.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, null, Problems.UnsupportedMediaTypeTitle, refusal);
            return;
        }

        if (await FormNulCheck.RefusedAsync(context))
        {
            return;
        }

        await next(context);
    }

    private long MaxBytes(BodyRule? rule, string? contentType) => MaxBytes(rule, contentType, limits.Value, engine.Value);

    /// <summary>
    /// The most a body of <paramref name="contentType"/> may hold for an endpoint with <paramref name="rule"/>; the
    /// OpenAPI document states the same bound (<see cref="Identity.OperationOpenApi"/>).
    /// </summary>
    public static long MaxBytes(BodyRule? rule, string? contentType, RequestLimits limits, EngineOptions engine) => rule switch
    {
        BodyRule.TaskDecision => limits.TaskDecisionBytes,
        BodyRule.DefinitionText => limits.DefinitionBytes,
        BodyRule.DefinitionForm => 3L * limits.DefinitionBytes + limits.JsonBodyBytes,
        BodyRule.Multipart => limits.UploadBytesFor(engine.MaxMaterialBytes),
        BodyRule.JsonOrMultipart when IsMultipart(contentType) => limits.UploadBytesFor(engine.MaxMaterialBytes),
        _ => limits.JsonBodyBytes,
    };

    private static bool IsMultipart(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) && parsed.MediaType.Equals(MediaTypes.Multipart, StringComparison.OrdinalIgnoreCase);

    private static ProblemText? Unsupported(BodyRule rule, string? contentType)
    {
        var accepted = MediaTypes.Accepted(rule);
        var wanted = new ProblemText(
            $"请以 Content-Type: {string.Join(" 或 ", accepted)} 发送请求体，文本一律用 UTF-8 编码",
            $"Send the request body as Content-Type: {string.Join(" or ", accepted)}, with text encoded as UTF-8");
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed))
        {
            return contentType is null
                ? new($"请求没有 Content-Type。{wanted.Zh}", $"The request has no Content-Type. {wanted.En}")
                : new($"无法识别 Content-Type“{contentType}”。{wanted.Zh}", $"The Content-Type “{contentType}” cannot be read. {wanted.En}");
        }

        if (!accepted.Contains(parsed.MediaType.Value, StringComparer.OrdinalIgnoreCase))
        {
            return new($"不接受 {parsed.MediaType}。{wanted.Zh}", $"{parsed.MediaType} is not accepted here. {wanted.En}");
        }

        // A charset other than UTF-8 would be decoded wrongly, not converted: refused rather than guessed at.
        return parsed.Charset.HasValue && !parsed.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !parsed.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase)
            ? new($"不接受字符集 {parsed.Charset}。{wanted.Zh}", $"The charset {parsed.Charset} is not accepted. {wanted.En}")
            : null;
    }
}
