using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>A host with one application waiting for its materials, for the hostile requests to aim at.</summary>
public sealed class HostileInputFixture : IAsyncLifetime
{
    public AllInOneHost Host { get; private set; } = null!;

    public string ApplicationId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Host = await AllInOneHost.StartAsync();
        using var client = Host.Client("zhangsan");
        using var response = await client.PostAsJsonAsync("/api/applications", BusinessOpening.Application());
        response.EnsureSuccessStatusCode();
        ApplicationId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
