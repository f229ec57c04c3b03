using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>The clerk API says why it refused in Chinese, unless the request's Accept-Language puts English first.</summary>
[Trait("Category", "Integration")]
public sealed class ClerkApiLanguageTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private AllInOneHost Host => fixture.Host;

    [Fact]
    public async Task ARefusal_IsChineseByDefault_AndEnglishWhenTheRequestPrefersEnglish()
    {
        var taskId = (await Host.TaskOfAsync(await Host.SubmitBusinessOpeningAsync())).GetProperty("id").GetString();
        using var supervisor = Host.Client("samr-supervisor");
        (await supervisor.PostAsync($"/api/tasks/{taskId}/claim", null)).EnsureSuccessStatusCode();

        var byDefault = await ClaimAsync(taskId, null);
        var chineseFirst = await ClaimAsync(taskId, "zh-CN,zh;q=0.9,en;q=0.8");
        var englishFirst = await ClaimAsync(taskId, "en-GB,en;q=0.9,zh;q=0.5");
        using var toOtherDepartment = new HttpRequestMessage(HttpMethod.Post, $"/api/tasks/{taskId}/reassign") { Content = JsonContent.Create(new { to = "psb-clerk" }) };
        toOtherDepartment.Headers.Add("Accept-Language", "en");
        using var fieldError = await supervisor.SendAsync(toOtherDepartment);

        Assert.Equal("该办件已由“市场监管科长”认领", byDefault.GetProperty("detail").GetString());
        Assert.Equal("该办件已由“市场监管科长”认领", chineseFirst.GetProperty("detail").GetString());
        Assert.Equal("The task has been claimed by “市场监管科长”", englishFirst.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, fieldError.StatusCode);
        var errors = (await fieldError.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.StartsWith("“psb-clerk” is not on the staff of ", errors.GetProperty("to")[0].GetString(), StringComparison.Ordinal);
    }

    /// <summary>samr-clerk claims the task; the 409 problem's body.</summary>
    private async Task<JsonElement> ClaimAsync(string? taskId, string? acceptLanguage)
    {
        using var clerk = Host.Client("samr-clerk");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tasks/{taskId}/claim");
        if (acceptLanguage is not null)
        {
            request.Headers.Add("Accept-Language", acceptLanguage);
        }

        using var response = await clerk.SendAsync(request);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
