using System.Net;
using System.Text;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// A JSON object that names a key twice was a 500 (System.Text.Json's JsonObject throws when it meets the second one).
/// Which of the two values counts is a guess, so the request is refused, naming the key.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_8_DuplicateJsonKeysAreRefused(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Theory]
    [InlineData("""{"serviceId":"business-opening","serviceId":"y","form":{}}""", "serviceId")]
    [InlineData("""{"serviceId":"business-opening","form":{"companyName":"甲","companyName":"乙"}}""", "form.companyName")]
    [InlineData("""{"serviceId":"business-opening","form":{"a":[{"k":1,"\u006b":2}]}}""", "form.a[0].k")]
    public async Task Submission_WithAKeyTwice_Is400NamingTheKey(string json, string path)
    {
        using var client = fixture.Host.Client("zhangsan");

        using var response = await client.PostAsync("/api/applications", new StringContent(json, Encoding.UTF8, "application/json"));

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("重复", ProblemAssert.FieldError(problem, path));
    }

    [Fact]
    public async Task MultipartApplicationField_WithAKeyTwice_Is400()
    {
        using var client = fixture.Host.Client("zhangsan");
        var application = """{"serviceId":"business-opening","form":{"companyName":"甲","companyName":"乙"}}"""u8.ToArray();

        using var response = await client.PostAsync("/api/applications", RawMultipart.Content(
            RawMultipart.Field("application", application),
            RawMultipart.File("articles", "章程.pdf"u8.ToArray(), "application/pdf", BusinessOpening.Pdf),
            RawMultipart.End));

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("重复", ProblemAssert.FieldError(problem, "form.companyName"));
    }

    [Fact]
    public async Task TaskDecision_WithAKeyTwice_Is400()
    {
        using var admin = fixture.Host.Client("admin");

        using var response = await admin.PostAsync(
            $"/api/tasks/{Guid.NewGuid()}/complete",
            new StringContent("""{"outcome":"rejected","outcome":"approved"}""", Encoding.UTF8, "application/json"));

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("重复", ProblemAssert.FieldError(problem, "outcome"));
    }
}
