using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// The engine bound its <c>ServiceAccounts</c> section from the configuration afresh for every request that carried a
/// bearer token, twice (to choose the sign-in scheme, then to sign the department host in), also for a person's own
/// token: a walk of the configuration's providers and a list built per request, where a department host's material
/// downloads and a clerk's scripts are the busiest callers. The accounts are bound once now (and again only when the
/// configuration is reloaded), the token hashed once and compared with each account's hash in constant time.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_9_ServiceAccountsReadAtEveryRequest
{
    private const string Token = "department-host-token-2026-12";
    private const string NewToken = "department-host-token-2027-01";

    [Fact]
    public async Task BearerRequests_ReadNoServiceAccountsFromTheConfiguration_TheRightTokenIsAccepted_AWrongOneRefused_AndAReloadApplies()
    {
        var configuration = new CountingConfiguration();
        await using var host = await AllInOneHost.StartAsync(
            configure: builder => ((IConfigurationBuilder)builder.Configuration).Add(configuration),
            extraArgs: ["--ServiceAccounts:0:Name=counter", $"--ServiceAccounts:0:TokenSha256={ServiceAccount.Hash(Token)}", "--ServiceAccounts:0:Departments=SAMR,PSB"]);
        using var departmentHost = WithBearer(host, Token);
        using var impostor = WithBearer(host, "a-token-nobody-was-given");
        using var clerk = await TokenSignInTests.SignedInAsync(host, "samr-clerk");
        using (var first = await departmentHost.GetAsync("/api/service-account"))
        {
            first.EnsureSuccessStatusCode();
        }

        configuration.Reset();
        var accepted = new List<JsonElement>();
        var refused = new List<HttpStatusCode>();
        var clerkAnswers = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            accepted.Add(await departmentHost.GetFromJsonAsync<JsonElement>("/api/service-account"));
            using var wrong = await impostor.GetAsync("/api/service-account");
            refused.Add(wrong.StatusCode);
            using var queue = await clerk.GetAsync("/api/departments/SAMR/tasks");
            clerkAnswers.Add(queue.StatusCode);
        }

        var reads = configuration.ReadsUnder("ServiceAccounts");

        // A second account added to the configuration (a token being rotated, hostBuilder:reloadConfigOnChange=true):
        // accepted at the next request, with no restart.
        configuration.Change("ServiceAccounts:1:Name", "counter-2");
        configuration.Change("ServiceAccounts:1:Departments", "SAMR");
        configuration.Change("ServiceAccounts:1:TokenSha256", ServiceAccount.Hash(NewToken));
        using var rotated = WithBearer(host, NewToken);
        var afterReload = await rotated.GetFromJsonAsync<JsonElement>("/api/service-account");

        Assert.All(accepted, a => Assert.Equal("counter", a.GetProperty("name").GetString()));
        Assert.All(accepted, a => Assert.Equal(["SAMR", "PSB"], a.GetProperty("departments").EnumerateArray().Select(d => d.GetString() ?? "")));
        Assert.All(refused, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.All(clerkAnswers, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Empty(reads);
        Assert.Equal("counter-2", afterReload.GetProperty("name").GetString());
    }

    private static HttpClient WithBearer(AllInOneHost host, string token)
    {
        var client = host.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
