using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>Asserts that a response is an RFC 7807 problem and reads what it says.</summary>
public static class ProblemAssert
{
    public static async Task<JsonElement> IsAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonSerializer.Deserialize<JsonElement>(body);
    }

    /// <summary>The messages given for one field, joined; fails when the field has none.</summary>
    public static string FieldError(JsonElement problem, string field)
    {
        var messages = default(JsonElement);
        Assert.True(
            problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out messages),
            $"No error for “{field}” in {problem}");
        return string.Join(" | ", messages.EnumerateArray().Select(e => e.GetString()));
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
