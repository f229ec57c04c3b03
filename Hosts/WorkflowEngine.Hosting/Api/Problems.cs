using System.Globalization;
using Microsoft.AspNetCore.Http;
using WorkflowEngine.Definitions;

namespace WorkflowEngine.Hosting.Api;

/// <summary>RFC 7807 problem responses, each saying exactly what is wrong.</summary>
public static class Problems
{
    public static IResult Validation(IReadOnlyDictionary<string, string[]> errors, string title = "请求有误，请按各项提示修改") =>
        Results.ValidationProblem(
            errors.ToDictionary(e => e.Key, e => e.Value),
            title: title,
            type: "https://tools.ietf.org/html/rfc9110#section-15.5.1");

    public static IResult Field(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static IResult NotFound(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "找不到");

    public static IResult Conflict(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "当前状态不允许此操作");

    public static IResult Forbidden(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "无权访问");

    public static IResult TooLarge(IReadOnlyDictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors.ToDictionary(e => e.Key, e => e.Value), statusCode: StatusCodes.Status413PayloadTooLarge, title: "文件过大");

    /// <summary>A request body over the endpoint's bound (section <c>Limits</c>).</summary>
    public static IResult BodyTooLarge(long maxBytes) =>
        Results.Problem($"请求体超过了此接口 {Size(maxBytes)} 的上限", statusCode: StatusCodes.Status413PayloadTooLarge, title: "请求过大");

    public static IResult UnsupportedMediaType(string detail) =>
        Results.Problem(detail, statusCode: StatusCodes.Status415UnsupportedMediaType, title: "不支持的内容类型");

    public static IResult Unprocessable(string detail, string title = "请求与先前的请求冲突") =>
        Results.Problem(detail, statusCode: StatusCodes.Status422UnprocessableEntity, title: title);

    /// <summary>A definition's errors, each with file, line, column and path.</summary>
    public static IResult Definition(IReadOnlyList<DefinitionError> errors, string title) =>
        Results.Problem(
            title: title,
            detail: $"共 {errors.Count} 处错误",
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["errors"] = errors.Select(DefinitionErrorDto.From).ToArray() });

    /// <summary>A size as people read it: 256 KiB, 1 MiB, 500.3 MiB.</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} 字节"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024d:0.#} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024d / 1024d:0.#} MiB"),
    };
}
