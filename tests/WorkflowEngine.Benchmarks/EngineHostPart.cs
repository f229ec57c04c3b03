using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Benchmarks;

/// <summary>
/// The engine host as deployed (<c>--engine-process</c>): its Release build started as a process of its own, and the
/// benchmark its client over HTTP, signed in the way the README tells a script to. The host's first administrator comes
/// from <c>Identity:BootstrapAdmin:Password</c> (an environment variable, off the process list); that administrator
/// creates the applicant the bundles are submitted as (<c>POST /api/admin/users</c>) and publishes the benchmark's
/// definition (<c>POST /api/definitions</c>, then publish); the applicant submits with a bearer token from
/// <c>POST /api/auth/token</c>. The department hosts reach it with a service account's token, as operators configure
/// them (<c>ServiceAccounts</c> at the engine, <c>Departments:EngineToken</c> at each department host). A host that
/// does not start, or refuses any of these credentials, stops the run with the reason.
/// </summary>
internal sealed class EngineHostPart : IAsyncDisposable
{
    private const string Administrator = "bench-admin";
    private const string ApplicantId = "bench-applicant";

    private readonly HostProcess _process;
    private readonly string _administratorPassword = Secret();
    private readonly string _applicantPassword = Secret();
    private readonly string _serviceToken = Secret();
    private readonly HttpClient _http;
    private readonly SemaphoreSlim _signIn = new(1);
    private (string Token, DateTimeOffset ExpiresAt)? _applicant;
    private string? _administrator;

    private EngineHostPart(DirectoryInfo directory, IReadOnlyList<string> args)
    {
        _process = HostProcess.For(
            "WorkflowEngine.EngineHost",
            Path.Combine(directory.FullName, "engine.log"),
            [
                "--environment=Production",
                $"--Engine:BlobPath={Path.Combine(directory.FullName, "blobs")}",
                $"--Engine:DefinitionsPath={RepositoryPaths.Definitions}",
                "--Logging:LogLevel:Default=Warning",
                // One applicant submits hundreds of bundles a second here, far beyond a citizen's submissions limit
                // (bursts of 20, then 10 a minute); the setting is the README's, for load tests.
                "--RateLimits:Enabled=false",
                // The department hosts' account: its token's hash only, as the README's "Each host by hand" configures it.
                "--ServiceAccounts:0:Name=bench-departments",
                $"--ServiceAccounts:0:TokenSha256={ServiceAccount.Hash(_serviceToken)}",
                $"--ServiceAccounts:0:Departments={string.Join(',', Catalog.Reference.Departments.Keys)}",
                $"--Identity:BootstrapAdmin:Id={Administrator}",
                .. args,
            ]);
        _process.EnvironmentVariables["Identity__BootstrapAdmin__Password"] = _administratorPassword;
        // Submissions run side by side up to the run's concurrency: a connection each, as many clients would have.
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10), MaxConnectionsPerServer = 1024 })
        {
            BaseAddress = _process.Address,
            Timeout = TimeSpan.FromMinutes(2),
        };
    }

    /// <summary>The engine host's process, not yet started; <paramref name="args"/> are its database, broker and the run's host settings.</summary>
    public static EngineHostPart For(DirectoryInfo directory, IReadOnlyList<string> args) => new(directory, args);

    public int ProcessId => _process.ProcessId ?? throw new InvalidOperationException("The engine host is not running.");

    public Uri Address => _process.Address;

    /// <summary>What a department host needs to reach the engine host (its token comes by <see cref="GiveCredential"/>).</summary>
    public string[] DepartmentHostArgs => [$"--Departments:EngineUrl={_process.Address}"];

    /// <summary>The service account's token, in the environment of <paramref name="department"/> (off the process list).</summary>
    public void GiveCredential(HostProcess department) => department.EnvironmentVariables["Departments__EngineToken"] = _serviceToken;

    /// <summary>
    /// Starts the host and checks every credential the run uses: the administrator signs in, creates the applicant, who
    /// signs in; the department hosts' token is accepted at <c>GET /api/service-account</c>.
    /// </summary>
    public async Task StartAsync()
    {
        try
        {
            await _process.StartAsync(TimeSpan.FromMinutes(2));
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            throw new InvalidOperationException($"The engine host did not start: {ex.Message}", ex);
        }

        var administrator = await TokenAsync(Administrator, _administratorPassword, "the administrator from Identity:BootstrapAdmin");
        using (var create = Request(HttpMethod.Post, "/api/admin/users", administrator))
        {
            create.Content = JsonContent.Create(new { userName = ApplicantId, displayName = "压测申请人", role = "applicant", password = _applicantPassword });
            using var created = await _http.SendAsync(create);
            await EnsureAsync(created, HttpStatusCode.Created, $"creating the applicant {ApplicantId}");
        }

        await ApplicantTokenAsync();
        using var account = Request(HttpMethod.Get, "/api/service-account", _serviceToken);
        using var answer = await _http.SendAsync(account);
        await EnsureAsync(answer, HttpStatusCode.OK, "the department hosts' service token (ServiceAccounts)");
        _administrator = administrator;
    }

    /// <summary>Saves <paramref name="source"/> as a draft and publishes it, as an administrator does with the API; returns its id.</summary>
    public async Task<string> PublishAsync(string source, string fileName)
    {
        var administrator = _administrator ?? throw new InvalidOperationException("The engine host is not started.");
        using var save = Request(HttpMethod.Post, "/api/definitions", administrator);
        save.Content = new StringContent(source, Encoding.UTF8, "application/yaml");
        save.Headers.Add("X-File-Name", fileName);
        using var saved = await _http.SendAsync(save);
        await EnsureAsync(saved, HttpStatusCode.Created, $"saving the definition {fileName}");
        var draft = await saved.Content.ReadFromJsonAsync<JsonElement>();
        if (!draft.GetProperty("valid").GetBoolean())
        {
            throw new InvalidOperationException($"The engine host found {fileName} invalid: {draft.GetProperty("errors")}");
        }

        var id = draft.GetProperty("id").GetString()!;
        using var publish = Request(HttpMethod.Post, $"/api/definitions/{id}/publish", administrator);
        using var published = await _http.SendAsync(publish);
        await EnsureAsync(published, HttpStatusCode.OK, $"publishing {id}");
        return id;
    }

    /// <summary>
    /// Submits one 企业开办 bundle as the applicant: multipart, the application's JSON and the two materials, as
    /// <c>POST /api/applications</c> takes them from any client. Returns the application's id.
    /// </summary>
    public async Task<Guid> SubmitAsync(string serviceId, byte[] articles, byte[] idCopy)
    {
        var application = BusinessOpening.Application();
        application["serviceId"] = serviceId;
        using var request = Request(HttpMethod.Post, "/api/applications", await ApplicantTokenAsync());
        request.Content = BusinessOpening.Multipart(application, ("articles", "章程.pdf", articles), ("legalRepIdCopy", "身份证.pdf", idCopy));
        using var response = await _http.SendAsync(request);
        await EnsureAsync(response, HttpStatusCode.Created, "a submission");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _process.DisposeAsync();
        _signIn.Dispose();
    }

    /// <summary>The applicant's bearer token, taken again when less than ten minutes of its hour are left.</summary>
    private async Task<string> ApplicantTokenAsync()
    {
        if (_applicant is { } held && held.ExpiresAt - DateTimeOffset.UtcNow > TimeSpan.FromMinutes(10))
        {
            return held.Token;
        }

        await _signIn.WaitAsync();
        try
        {
            if (_applicant is not { } current || current.ExpiresAt - DateTimeOffset.UtcNow <= TimeSpan.FromMinutes(10))
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/token") { Content = JsonContent.Create(new { userName = ApplicantId, password = _applicantPassword }) };
                using var response = await _http.SendAsync(request);
                await EnsureAsync(response, HttpStatusCode.OK, $"the applicant {ApplicantId} signing in (POST /api/auth/token)");
                var token = await response.Content.ReadFromJsonAsync<JsonElement>();
                _applicant = (token.GetProperty("accessToken").GetString()!, token.GetProperty("expiresAt").GetDateTimeOffset());
            }

            return _applicant.Value.Token;
        }
        finally
        {
            _signIn.Release();
        }
    }

    private async Task<string> TokenAsync(string userName, string password, string who)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/token") { Content = JsonContent.Create(new { userName, password }) };
        using var response = await _http.SendAsync(request);
        await EnsureAsync(response, HttpStatusCode.OK, $"{who} signing in (POST /api/auth/token)");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string token)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    /// <summary>Anything but the expected answer stops the run, with what the host said and the end of its log.</summary>
    private async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync();
            throw new InvalidOperationException(
                $"The engine host at {_process.Address} answered {(int)response.StatusCode} {response.StatusCode} to {what}, not {(int)expected}: {body}{Environment.NewLine}Its log ends:{Environment.NewLine}{_process.Tail(20)}");
        }
    }

    /// <summary>A password or token of the run's own, never written anywhere.</summary>
    private static string Secret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}
