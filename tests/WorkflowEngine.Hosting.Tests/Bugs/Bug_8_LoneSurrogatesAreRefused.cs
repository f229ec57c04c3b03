using System.Net;
using System.Text;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// A JSON escape of half a surrogate pair (<c>"\ud800"</c>) is valid JSON text but no Unicode string: reading it threw
/// deep inside the API, a 500. It is refused as not being text, naming where it is.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_8_LoneSurrogatesAreRefused(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Theory]
    [InlineData("""{"serviceId":"\ud800","form":{}}""", "serviceId")]
    [InlineData("""{"serviceId":"business-opening","form":{"companyName":"福州\udc00公司"}}""", "form.companyName")]
    [InlineData("""{"serviceId":"business-opening","form":{"\ud800":"x"}}""", "form")]
    public async Task Submission_WithALoneSurrogate_Is400(string json, string path)
    {
        using var client = fixture.Host.Client("zhangsan");

        using var response = await client.PostAsync("/api/applications", new StringContent(json, Encoding.UTF8, "application/json"));

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("代理", ProblemAssert.FieldError(problem, path));
    }

    [Fact]
    public async Task TaskDecision_WithALoneSurrogateInAReason_Is400()
    {
        using var admin = fixture.Host.Client("admin");

        using var response = await admin.PostAsync(
            $"/api/tasks/{Guid.NewGuid()}/complete",
            new StringContent("""{"outcome":"rejected","reason":"\udfff"}""", Encoding.UTF8, "application/json"));

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("代理", ProblemAssert.FieldError(problem, "reason"));
    }
}
