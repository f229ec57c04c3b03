using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// A department host whose <c>Departments:EngineUrl</c> or <c>Departments:EngineToken</c> was wrong said healthy while
/// its clerks got 502/503 on every applicant's file. Its <c>/health</c> now has an <c>engine</c> entry: degraded, with the
/// reason, when the engine cannot be reached, refuses the token, or the token's account lacks a served department.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_9_DepartmentHostHealthyWithABrokenEngineLink
{
    private const string Token = "counter-host-token";

    [Fact]
    public async Task TheEngineEntry_SaysWhyTheLinkIsBroken_AndIsHealthyWithTheRightToken()
    {
        await using var engine = await AllInOneHost.StartAsync(extraArgs:
            ["--ServiceAccounts:0:Name=counter", $"--ServiceAccounts:0:TokenSha256={ServiceAccount.Hash(Token)}", "--ServiceAccounts:0:Departments=SAMR,PSB"]);

        var right = await EngineEntryAsync(engine, "SAMR,PSB", Token);
        Assert.Equal("Healthy", right.Status);
        Assert.Contains("\"counter\"", right.Detail, StringComparison.Ordinal);

        var wrong = await EngineEntryAsync(engine, "SAMR,PSB", "not-the-token");
        Assert.Equal(("Degraded", "degraded"), (wrong.Status, wrong.Overall));
        Assert.Contains("refused Departments:EngineToken (401)", wrong.Detail, StringComparison.Ordinal);

        var none = await EngineEntryAsync(engine, "SAMR,PSB", null);
        Assert.Equal("Degraded", none.Status);
        Assert.Contains("No Departments:EngineToken", none.Detail, StringComparison.Ordinal);

        var uncovered = await EngineEntryAsync(engine, "SAMR,TAX", Token);
        Assert.Equal("Degraded", uncovered.Status);
        Assert.Contains("does not cover TAX", uncovered.Detail, StringComparison.Ordinal);

        // Nothing listens on the discard port.
        var unreachable = await EngineEntryAsync(new Uri("http://127.0.0.1:9/"), "SAMR,PSB", Token);
        Assert.Equal("Degraded", unreachable.Status);
        Assert.Contains("cannot be reached", unreachable.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheServiceAccountEndpoint_AnswersOnlyAServiceToken()
    {
        await using var engine = await AllInOneHost.StartAsync(extraArgs:
            ["--ServiceAccounts:0:Name=counter", $"--ServiceAccounts:0:TokenSha256={ServiceAccount.Hash(Token)}", "--ServiceAccounts:0:Departments=SAMR,PSB"]);
        using var service = engine.Client();
        service.DefaultRequestHeaders.Authorization = new("Bearer", Token);
        var account = await service.GetFromJsonAsync<JsonElement>("/api/service-account");
        Assert.Equal("counter", account.GetProperty("name").GetString());
        Assert.Equal(["SAMR", "PSB"], account.GetProperty("departments").EnumerateArray().Select(d => d.GetString()));

        using var admin = engine.Client("admin");
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await admin.GetAsync("/api/service-account")).StatusCode);
        using var anyone = engine.Client();
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await anyone.GetAsync("/api/service-account")).StatusCode);
    }

    private static Task<(string Status, string Detail, string Overall)> EngineEntryAsync(AllInOneHost engine, string codes, string? token) =>
        EngineEntryAsync(engine.Address, codes, token);

    private static async Task<(string Status, string Detail, string Overall)> EngineEntryAsync(Uri engine, string codes, string? token)
    {
        await using var department = await AllInOneHost.StartDepartmentHostAsync(
            [$"--Departments:Codes={codes}", $"--Departments:EngineUrl={engine}", .. token is null ? Array.Empty<string>() : [$"--Departments:EngineToken={token}"]]);
        using var admin = department.Client("admin");
        var health = await admin.GetFromJsonAsync<JsonElement>("/health");
        return (health.GetProperty("checks").GetProperty("engine").GetString()!, health.GetProperty("checkDetails").GetProperty("engine").GetString()!,
            health.GetProperty("status").GetString()!);
    }
}
