using System.Net;
using System.Net.Http.Headers;
using System.Text;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// JSON endpoints read any body whatever its Content-Type said, so a form post or a page's text/plain fetch was taken
/// as JSON. They answer 415 now, naming what to send; definitions take YAML or JSON text types only.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_8_JsonEndpointsRequireJsonContentType(HostFixture fixture) : IClassFixture<HostFixture>
{
    private static readonly string Application = BusinessOpening.Application().ToJsonString();

    private static StringContent Body(string text, string contentType)
    {
        var content = new StringContent(text, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    [Theory]
    [InlineData("/api/applications", "zhangsan", "text/plain")]
    [InlineData("/api/applications", "zhangsan", "application/x-www-form-urlencoded")]
    [InlineData("/api/applications", "zhangsan", "application/json; charset=iso-8859-1")]
    [InlineData("/api/applications", "zhangsan", "application/xml")]
    [InlineData("/api/tasks/00000000-0000-0000-0000-000000000001/complete", "admin", "text/plain")]
    [InlineData("/api/tasks/00000000-0000-0000-0000-000000000001/complete", "admin", "multipart/form-data; boundary=x")]
    public async Task JsonEndpoint_WithAnotherContentType_Is415(string path, string user, string contentType)
    {
        using var client = fixture.Host.Client(user);

        using var response = await client.PostAsync(path, Body(Application, contentType));

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("application/json", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/octet-stream")]
    [InlineData("text/html")]
    public async Task Definition_WithANonTextContentType_Is415(string contentType)
    {
        using var admin = fixture.Host.Client("admin");

        using var response = await admin.PostAsync("/api/definitions/validate", Body("id: x\n", contentType));

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("application/yaml", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("application/yaml")]
    [InlineData("application/x-yaml")]
    [InlineData("text/yaml; charset=utf-8")]
    [InlineData("text/x-yaml")]
    [InlineData("text/plain")]
    [InlineData("application/json")]
    public async Task Definition_WithAYamlOrJsonType_IsRead(string contentType)
    {
        using var admin = fixture.Host.Client("admin");

        using var response = await admin.PostAsync("/api/definitions/validate", Body("id: x\n", contentType));

        // Read and found wanting: a 400 listing the definition's errors, not a 415.
        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").GetArrayLength() > 0);
    }

    [Fact]
    public async Task JsonWithUtf8Charset_IsAccepted()
    {
        using var client = fixture.Host.Client("zhangsan");

        using var response = await client.PostAsync("/api/applications", Body(Application, "application/json; charset=UTF-8"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Upload_ThatIsNotMultipart_Is415()
    {
        using var client = fixture.Host.Client("zhangsan");
        using var created = await client.PostAsync("/api/applications", Body(Application, "application/json"));
        var id = (await ProblemAssert.JsonAsync(created, HttpStatusCode.Created)).GetProperty("id").GetString();

        using var response = await client.PostAsync($"/api/applications/{id}/materials", Body("{}", "application/json"));

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("multipart/form-data", problem.GetProperty("detail").GetString());
    }
}
