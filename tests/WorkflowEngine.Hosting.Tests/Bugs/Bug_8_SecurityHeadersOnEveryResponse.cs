using System.Net;
using System.Text;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// Responses carried none of the usual protective headers and named the server. Every response has them now, errors
/// and health included, and no Server header. Pages (everything outside the API) allow this host's own stylesheets,
/// scripts and forms, and still nothing inline.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_8_SecurityHeadersOnEveryResponse(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Theory]
    [InlineData("GET", "/health", null, HttpStatusCode.OK)]
    [InlineData("GET", "/openapi/v1.json", null, HttpStatusCode.OK)]
    [InlineData("GET", "/api/services", null, HttpStatusCode.OK)]
    [InlineData("GET", "/api/applications", null, HttpStatusCode.Unauthorized)]
    [InlineData("GET", "/api/definitions", "zhangsan", HttpStatusCode.Forbidden)]
    [InlineData("GET", "/api/no/such/path", null, HttpStatusCode.NotFound)]
    [InlineData("POST", "/api/applications", "zhangsan", HttpStatusCode.BadRequest)]
    [InlineData("DELETE", "/api/services", null, HttpStatusCode.MethodNotAllowed)]
    public async Task Response_CarriesTheSecurityHeaders(string method, string path, string? user, HttpStatusCode status)
    {
        using var client = fixture.Host.Client(user);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = new StringContent("{", Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", Header(response, "Content-Security-Policy"));
        Assert.Equal("same-origin", Header(response, "Cross-Origin-Resource-Policy"));
        Assert.Equal("no-store", Header(response, "Cache-Control"));
        Assert.False(response.Headers.Contains("Server"), "The response names the server");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/services/business-opening")]
    [InlineData("/assets/css/site.css")]
    [InlineData("/no/such/path")]
    public async Task Page_CarriesThePagesPolicy_WithNothingInline(string path)
    {
        using var client = fixture.Host.Client();
        using var response = await client.GetAsync(path);

        var policy = Header(response, "Content-Security-Policy");
        Assert.Equal(
            "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' blob:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
            policy);
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-store", Header(response, "Cache-Control"));
        Assert.False(response.Headers.Contains("Server"), "The response names the server");
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;
}
