using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using WorkflowEngine.Hosting.Api;

namespace WorkflowEngine.Hosting.Distributed;

/// <summary>
/// A department host's link to the engine host (<c>Departments:EngineUrl</c> with <c>Departments:EngineToken</c>), the
/// <c>engine</c> entry of its <c>/health</c>: the engine answers <c>GET /api/service-account</c>, accepts the token, and
/// the token's account covers every department the host serves. Over that link clerks open applicants' files, and the
/// host fetches calendars and department names; without it they get 502/503 on materials.
/// </summary>
/// <remarks>
/// Degraded, never unhealthy, when it fails: steps and reports still travel over the bus and clerks still decide, so a
/// load balancer must keep the host; an operator reads the reason in the entry's description. A healthy answer is kept
/// for <see cref="HealthyFor"/> so that a monitor polling <c>/health</c> does not poll the engine as often; a failure
/// only for <see cref="FailedFor"/>, so that once the operator has mended the link, <c>/health</c> says so within seconds.
/// </remarks>
public sealed class EngineLinkHealthCheck(HttpClient http, string? token, ServedDepartments served, TimeProvider time) : IHealthCheck, IDisposable
{
    public const string Name = "engine";

    /// <summary>How long a healthy answer is kept.</summary>
    public static readonly TimeSpan HealthyFor = TimeSpan.FromSeconds(30);

    /// <summary>How long a failure is kept: long enough that a monitor polling every second does not poll the engine as often.</summary>
    public static readonly TimeSpan FailedFor = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (HealthCheckResult Result, DateTimeOffset At)? _last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_last is { } last && time.GetUtcNow() - last.At < (last.Result.Status == HealthStatus.Healthy ? HealthyFor : FailedFor))
            {
                return last.Result;
            }

            var result = await ProbeAsync(cancellationToken);
            _last = (result, time.GetUtcNow());
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<HealthCheckResult> ProbeAsync(CancellationToken cancellationToken)
    {
        var engine = http.BaseAddress;
        if (engine is null)
        {
            return HealthCheckResult.Degraded("Departments:EngineUrl is not an absolute URL (e.g. http://engine.example:8080/)");
        }

        if (string.IsNullOrEmpty(token))
        {
            return HealthCheckResult.Degraded(
                $"No Departments:EngineToken: the engine at {engine} gives this host no applicant's file (set the token of a ServiceAccounts entry at the engine)");
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/service-account");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            switch (response.StatusCode)
            {
                case HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden:
                    return HealthCheckResult.Degraded(
                        $"The engine at {engine} refused Departments:EngineToken ({(int)response.StatusCode}): no ServiceAccounts entry there has this token's SHA-256");
                case not HttpStatusCode.OK:
                    return HealthCheckResult.Degraded(
                        $"{engine} answered GET /api/service-account with {(int)response.StatusCode}: is Departments:EngineUrl the engine host (of this release)?");
            }

            var account = await response.Content.ReadFromJsonAsync<ServiceAccountDto>(JsonSerializerOptions.Web, cancellationToken);
            var uncovered = served.Codes.Except(account?.Departments ?? [], StringComparer.Ordinal).ToArray();
            return uncovered.Length > 0
                ? HealthCheckResult.Degraded(
                    $"The engine's service account \"{account?.Name}\" does not cover {string.Join(", ", uncovered)}: those departments' clerks cannot open applicants' files (add them to its Departments at the engine)")
                : HealthCheckResult.Healthy($"The engine at {engine} accepts the token of service account \"{account!.Name}\"");
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or NotSupportedException
            || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return HealthCheckResult.Degraded($"The engine at {engine} cannot be reached: {ex.Message}");
        }
    }

    public void Dispose() => _gate.Dispose();
}
