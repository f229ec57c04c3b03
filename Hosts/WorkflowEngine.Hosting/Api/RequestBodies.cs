using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace WorkflowEngine.Hosting.Api;

/// <summary>Reads request bodies so that a malformed one gets a precise 400, never a 500.</summary>
public static class RequestBodies
{
    public static async Task<(JsonObject? Body, IResult? Problem)> ReadJsonObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        string text;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            text = await reader.ReadToEndAsync(cancellationToken);
        }

        return Parse(text, "请求体");
    }

    public static (JsonObject? Body, IResult? Problem) Parse(string text, string what)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, Problems.Field("body", $"{what}为空，应为 JSON 对象"));
        }

        try
        {
            return JsonNode.Parse(text) is JsonObject obj
                ? (obj, null)
                : (null, Problems.Field("body", $"{what}应为 JSON 对象（{{ … }}）"));
        }
        catch (JsonException ex)
        {
            return (null, Problems.Field("body", $"{what}不是合法的 JSON：第 {ex.LineNumber + 1} 行第 {ex.BytePositionInLine + 1} 个字节附近 — {ex.Message.Split('.')[0]}"));
        }
    }

    public static async Task<string> ReadTextAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(cancellationToken);
    }
}
