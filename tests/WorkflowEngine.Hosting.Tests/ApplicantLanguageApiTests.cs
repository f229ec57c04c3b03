using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// The language an applicant is written to in, through the API: <c>language</c> at submission (zh-CN or en, Chinese when
/// left out, anything else refused naming the field and the two values, storing nothing), returned with the application,
/// and changed later by the applicant only.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ApplicantLanguageApiTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private AllInOneHost Host => fixture.Host;

    [Fact]
    public async Task Submission_WithLanguageEn_IsStoredInEnglish_AndReturnedWithTheApplication()
    {
        var application = BusinessOpening.Application();
        application["language"] = "en";
        using var client = Host.Client("zhangsan");

        using var response = await client.PostAsync("/api/applications", BusinessOpening.Multipart(application));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var submitted = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("en", submitted.GetProperty("language").GetString());
        var id = submitted.GetProperty("id").GetGuid();
        Assert.Equal("en", (await Host.GetJsonAsync("zhangsan", $"/api/applications/{id}")).GetProperty("language").GetString());
        Assert.Equal("en", (await Host.GetJsonAsync("admin", $"/api/applications/{id}")).GetProperty("language").GetString());
        var listed = (await Host.GetJsonAsync("zhangsan", "/api/applications?limit=500")).EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == id);
        Assert.Equal("en", listed.GetProperty("language").GetString());
    }

    [Fact]
    public async Task Submission_WithoutLanguage_IsChinese()
    {
        var id = await Host.SubmitBusinessOpeningAsync();

        Assert.Equal("zh-CN", (await Host.GetJsonAsync("zhangsan", $"/api/applications/{id}")).GetProperty("language").GetString());
    }

    [Theory]
    [InlineData("\"fr\"")]
    [InlineData("\"EN\"")]
    [InlineData("\"\"")]
    [InlineData("1")]
    public async Task Submission_WithAnotherLanguage_IsRefusedNamingTheFieldAndTheTwoValues_AndStoresNothing(string language)
    {
        var application = BusinessOpening.Application();
        application["language"] = System.Text.Json.Nodes.JsonNode.Parse(language);
        var before = await Host.ScalarAsync("SELECT COUNT(*) FROM applications");
        using var client = Host.Client("zhangsan");

        using var response = await client.PostAsync("/api/applications", BusinessOpening.Multipart(application));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("language").EnumerateArray()).GetString();
        Assert.Contains("\"zh-CN\"", message, StringComparison.Ordinal);
        Assert.Contains("\"en\"", message, StringComparison.Ordinal);
        Assert.Equal(before, await Host.ScalarAsync("SELECT COUNT(*) FROM applications"));
    }

    [Fact]
    public async Task ChangingTheLanguage_ByTheApplicant_IsStoredAndAudited_WhileAnotherValueIsRefused_AndSomeoneElseFindsNoApplication()
    {
        var id = await Host.SubmitBusinessOpeningAsync();
        using var owner = Host.Client("zhangsan");
        using var other = Host.Client("lisi");

        using var wrong = await owner.PutAsJsonAsync($"/api/applications/{id}/language", new { language = "de" });
        using var someoneElse = await other.PutAsJsonAsync($"/api/applications/{id}/language", new { language = "en" });
        using var changed = await owner.PutAsJsonAsync($"/api/applications/{id}/language", new { language = "en" });

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.True((await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("language", out _));
        Assert.Equal(HttpStatusCode.NotFound, someoneElse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("en", (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("language").GetString());
        var audit = (await Host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries").EnumerateArray().ToArray();
        var line = Assert.Single(audit, e => e.GetProperty("type").GetString() == "LanguageChanged");
        Assert.Equal("zhangsan", line.GetProperty("actor").GetString());
        Assert.Equal(("zh-CN", "en"), (line.GetProperty("data").GetProperty("from").GetString(), line.GetProperty("data").GetProperty("to").GetString()));
    }
}
