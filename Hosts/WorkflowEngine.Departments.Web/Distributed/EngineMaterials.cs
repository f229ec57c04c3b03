using System.Net;
using System.Net.Http.Headers;
using WorkflowEngine.Hosting.Identity;

namespace WorkflowEngine.Hosting.Distributed;

/// <summary>
/// A department host's way to the applicant's files: the engine host's download endpoint, with the host's service
/// token, naming the clerk it fetches for. Never a shared disk.
/// </summary>
public sealed class EngineMaterials(HttpClient http, string? token)
{
    /// <summary>What the engine answered: the open response on success, else why not.</summary>
    public sealed record Fetched(HttpResponseMessage? Response, HttpStatusCode? Refused, string? Error);

    public bool Configured => http.BaseAddress is not null && !string.IsNullOrEmpty(token);

    public async Task<Fetched> FetchAsync(string downloadPath, string clerk, CancellationToken cancellationToken)
    {
        // Only the engine's own download paths, as the step's payload gives them: never an address from elsewhere.
        if (!downloadPath.StartsWith("/api/applications/", StringComparison.Ordinal) || downloadPath.Contains("..", StringComparison.Ordinal))
        {
            return new(null, HttpStatusCode.NotFound, null);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, downloadPath);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add(ServiceRoles.OnBehalfOf, clerk);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new(null, null, ex.Message);
        }

        if (response.IsSuccessStatusCode)
        {
            return new(response, null, null);
        }

        var status = response.StatusCode;
        response.Dispose();
        return (int)status >= 500 ? new(null, null, $"the engine answered {(int)status}") : new(null, status, null);
    }
}
