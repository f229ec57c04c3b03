using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WorkflowEngine.Testing;

/// <summary>
/// An SMS platform's HTTP interface on Kestrel, in the test: it checks each request's signature under
/// <see cref="Secret"/> as a platform does (401 when it does not match), and answers <c>status</c>.
/// </summary>
public sealed class TestSmsGateway : IAsyncDisposable
{
    public const string Secret = "gateway-shared-secret";

    private readonly WebApplication _app;

    private TestSmsGateway(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>Every request that came, signed correctly or not: its body, and whether its signature matched.</summary>
    public ConcurrentQueue<(JsonElement Body, bool SignatureValid)> Requests { get; } = new();

    public static async Task<TestSmsGateway> StartAsync(int status = StatusCodes.Status200OK, string answer = """{"code":0}""")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        TestSmsGateway? gateway = null;
        app.MapPost("/sms/send", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            var body = buffer.ToArray();
            var timestamp = request.Headers["X-Sms-Timestamp"].ToString();
            // Computed here as the README describes it, not with the host's own code.
            var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), (byte[])[.. Encoding.UTF8.GetBytes(timestamp + "\n"), .. body]));
            var valid = timestamp.Length > 0 && request.Headers["X-Sms-Signature"] == expected;
            gateway!.Requests.Enqueue((JsonDocument.Parse(body).RootElement.Clone(), valid));
            return !valid ? Results.Unauthorized() : Results.Content(answer, "application/json", statusCode: status);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        gateway = new TestSmsGateway(app, new Uri(new Uri(address), "/sms/send"));
        return gateway;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
