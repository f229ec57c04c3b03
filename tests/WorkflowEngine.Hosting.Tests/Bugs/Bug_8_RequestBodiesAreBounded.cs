using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// Every JSON endpoint read up to 256 MB, and a 10 MB definition draft was parsed and stored. Each endpoint has its own
/// bound now (Limits:*), answered 413 before the body is parsed.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_8_RequestBodiesAreBounded(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task JsonSubmission_OverItsLimit_Is413()
    {
        using var client = fixture.Host.Client("lisi");
        var form = BusinessOpening.Form();
        form["businessScope"] = new string('软', 100_000);

        using var response = await client.PostAsync("/api/applications", new StringContent(BusinessOpening.Application(form).ToJsonString(), Encoding.UTF8, "application/json"));

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("KiB", problem.GetProperty("detail").GetString());
        Assert.Equal(0, (await fixture.Host.GetJsonAsync("lisi", "/api/applications")).GetArrayLength());
    }

    /// <summary>
    /// A large body is sent as curl sends it, asking first (Expect: 100-continue): the 413 comes before the body is sent.
    /// Sent without asking, the server answers 413 as soon as it sees the length and closes the connection rather than
    /// read the rest, which a client sees as a broken upload.
    /// </summary>
    private static HttpRequestMessage Post(string path, HttpContent content) =>
        new(HttpMethod.Post, path) { Content = content, Headers = { ExpectContinue = true } };

    [Fact]
    public async Task TenMegabyteDraft_Is413_AndNothingIsStored()
    {
        using var admin = fixture.Host.Client("admin");
        var source = "id: huge-draft\ntitle: 大\n# " + new string('x', 10 * 1024 * 1024) + "\n";

        using var response = await admin.SendAsync(Post("/api/definitions", new StringContent(source, Encoding.UTF8, "application/yaml")));

        await ProblemAssert.IsAsync(response, HttpStatusCode.RequestEntityTooLarge);
        var stored = await (await admin.GetAsync("/api/definitions")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.DoesNotContain(stored.EnumerateArray(), d => d.GetProperty("id").GetString() == "huge-draft");
    }

    [Fact]
    public async Task TaskDecision_OverItsLimit_Is413()
    {
        using var admin = fixture.Host.Client("admin");
        var body = JsonSerializer.Serialize(new { outcome = "rejected", reason = new string('x', 100 * 1024) });

        using var response = await admin.PostAsync($"/api/tasks/{Guid.NewGuid()}/complete", new StringContent(body, Encoding.UTF8, "application/json"));

        await ProblemAssert.IsAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task BodyOnAnEndpointThatTakesNone_IsBoundedToo()
    {
        using var admin = fixture.Host.Client("admin");

        using var response = await admin.SendAsync(Post("/api/definitions/business-opening/publish", new ByteArrayContent(new byte[2 * 1024 * 1024])));

        await ProblemAssert.IsAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }
}
