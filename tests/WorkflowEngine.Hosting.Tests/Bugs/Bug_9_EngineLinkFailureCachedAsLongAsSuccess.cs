using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using WorkflowEngine.Hosting.Distributed;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// A department host's <c>engine</c> health entry kept a failure as long as a success, 30 s: after the operator mended
/// the link (the token, the engine's service account), <c>/health</c> stayed degraded for up to half a minute. A failure
/// is now kept 5 s, a success still 30 s.
/// </summary>
public sealed class Bug_9_EngineLinkFailureCachedAsLongAsSuccess
{
    [Fact]
    public async Task AMendedLink_IsHealthyWithinSeconds_WhileAHealthyAnswerIsKeptHalfAMinute()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
        var engine = new EngineAnswers { Refuse = true };
        using var check = new EngineLinkHealthCheck(
            new HttpClient(engine) { BaseAddress = new Uri("http://engine.example/") }, "token", new(["SAMR"]), time);

        Assert.Equal(HealthStatus.Degraded, (await CheckAsync(check)).Status);
        // The operator mends the link at the engine.
        engine.Refuse = false;
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(check)).Status);

        // A healthy answer is not asked again for 30 s: a monitor polling /health does not poll the engine as often.
        var asked = engine.Requests;
        engine.Refuse = true;
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal((HealthStatus.Healthy, asked), ((await CheckAsync(check)).Status, engine.Requests));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal((HealthStatus.Degraded, asked + 1), ((await CheckAsync(check)).Status, engine.Requests));

        // Nor a failure within its 5 s.
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal((HealthStatus.Degraded, asked + 1), ((await CheckAsync(check)).Status, engine.Requests));
    }

    private static Task<HealthCheckResult> CheckAsync(EngineLinkHealthCheck check) => check.CheckHealthAsync(new HealthCheckContext());

    /// <summary>The engine's <c>GET /api/service-account</c>: refuses the token, or answers an account serving SAMR.</summary>
    private sealed class EngineAnswers : HttpMessageHandler
    {
        public bool Refuse { get; set; }

        public int Requests { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            return Task.FromResult(Refuse
                ? new HttpResponseMessage(HttpStatusCode.Unauthorized)
                : new HttpResponseMessage(HttpStatusCode.OK) { Content = JsonContent.Create(new { name = "counter", departments = new[] { "SAMR" } }) });
        }
    }
}
