using System.Globalization;
using Microsoft.AspNetCore.Http;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Hosting.Api;

/// <summary>RFC 7807 problem responses, each saying exactly what is wrong.</summary>
public static class Problems
{
    /// <summary>The title of a request with field errors.</summary>
    public static readonly ProblemText Invalid = new("请求有误，请按各项提示修改", "The request has errors: see each field");

    public static readonly ProblemText NotFoundTitle = new("找不到", "Not found");

    public static readonly ProblemText ForbiddenTitle = new("无权访问", "Forbidden");

    public static readonly ProblemText ConflictTitle = new("当前状态不允许此操作", "The current state does not allow this");

    public static readonly ProblemText TooLargeTitle = new("请求过大", "Request too large");

    public static IResult Validation(IReadOnlyDictionary<string, string[]> errors, string? title = null) =>
        Results.ValidationProblem(
            errors.ToDictionary(e => e.Key, e => e.Value),
            title: title ?? Invalid.Zh,
            type: "https://tools.ietf.org/html/rfc9110#section-15.5.1");

    public static IResult Field(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>Field errors in the request's language (see <see cref="RequestLanguage"/>).</summary>
    public static IResult Validation(IReadOnlyDictionary<string, ProblemText[]> errors) =>
        new LocalizedProblem(english => Validation(
            errors.ToDictionary(e => e.Key, e => e.Value.Select(m => english ? m.En : m.Zh).ToArray()), english ? Invalid.En : Invalid.Zh));

    public static IResult Field(string field, ProblemText message) => Validation(new Dictionary<string, ProblemText[]> { [field] = [message] });

    /// <summary>A problem with its title and detail in the request's language.</summary>
    public static IResult Status(int status, ProblemText title, ProblemText detail) =>
        new LocalizedProblem(english => Results.Problem(english ? detail.En : detail.Zh, statusCode: status, title: english ? title.En : title.Zh));

    public static IResult NotFound(ProblemText detail) => Status(StatusCodes.Status404NotFound, NotFoundTitle, detail);

    public static IResult Forbidden(ProblemText detail) => Status(StatusCodes.Status403Forbidden, ForbiddenTitle, detail);

    public static IResult NotFound(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: NotFoundTitle.Zh);

    public static IResult Conflict(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: ConflictTitle.Zh);

    public static IResult Forbidden(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: ForbiddenTitle.Zh);

    public static IResult TooLarge(IReadOnlyDictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors.ToDictionary(e => e.Key, e => e.Value), statusCode: StatusCodes.Status413PayloadTooLarge, title: "文件过大");

    /// <summary>A request body over the endpoint's bound (section <c>Limits</c>).</summary>
    public static IResult BodyTooLarge(long maxBytes) => Status(StatusCodes.Status413PayloadTooLarge, TooLargeTitle, BodyTooLargeDetail(maxBytes));

    /// <summary>What <see cref="BodyTooLarge"/> says.</summary>
    public static ProblemText BodyTooLargeDetail(long maxBytes) =>
        new($"请求体超过了此接口 {Size(maxBytes)} 的上限", $"The request body is over this endpoint's limit of {Size(maxBytes, english: true)}");

    public static readonly ProblemText UnsupportedMediaTypeTitle = new("不支持的内容类型", "Unsupported content type");

    public static IResult UnsupportedMediaType(ProblemText detail) => Status(StatusCodes.Status415UnsupportedMediaType, UnsupportedMediaTypeTitle, detail);

    public static IResult Unprocessable(string detail, string title = "请求与先前的请求冲突") =>
        Results.Problem(detail, statusCode: StatusCodes.Status422UnprocessableEntity, title: title);

    /// <summary>A size as people read it: 256 KiB, 1 MiB, 500.3 MiB.</summary>
    public static string Size(long bytes, bool english = false) => bytes switch
    {
        < 1024 => english ? string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes") : string.Create(CultureInfo.InvariantCulture, $"{bytes} 字节"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024d:0.#} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024d / 1024d:0.#} MiB"),
    };
}
