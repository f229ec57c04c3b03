using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Runtime.Processing;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// Found by the review of the withdrawal (撤回申请) on the day it was written: a withdrawal that met an incident was held
/// behind it and carried out when an administrator retried, although the applicant had been told it could not be
/// withdrawn; an administrator reading the progress page was offered a withdraw button that could only fail; and a
/// withdrawal sent with no body and no <c>Content-Length</c> (<c>curl -X POST</c> without <c>-d</c>) was refused as an
/// unsupported media type, although the README promises an empty body will do.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_11_WithdrawalEdges
{
    private const string Broken = Bug_8_FailingStepRaisesAnIncident.Broken;

    [Fact]
    public async Task AWithdrawalMeetingAnIncident_IsNotCarriedOutWhenTheIncidentIsRetried()
    {
        await using var host = await AllInOneHost.StartAsync();
        await host.StoreAsPublishedAsync("house-sale", "存量房买卖", Broken);
        using var citizen = host.Client("zhangsan");
        using var submitted = await citizen.PostAsJsonAsync("/api/applications", new { serviceId = "house-sale", form = new { buyerName = "张三" } });
        var id = Guid.Parse((await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        var task = (await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("hud-clerk", "/api/departments/HUD/tasks"), t => t.GetArrayLength() == 1, "the contract task"))[0];
        using var clerk = host.Client("hud-clerk");
        (await clerk.PostAsync($"/api/tasks/{task.GetProperty("id").GetString()}/claim", null)).EnsureSuccessStatusCode();
        (await clerk.PostAsJsonAsync($"/api/tasks/{task.GetProperty("id").GetString()}/complete", new { outcome = "approved" })).EnsureSuccessStatusCode();
        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}"), a => a.GetProperty("status").GetString() == "incident", "the incident");

        // The applicant is refused while the incident is open.
        using var refused = await citizen.PostAsJsonAsync($"/api/applications/{id}/withdrawal", new { reason = "不办了" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);

        // The race the service cannot rule out: its status check passed just before the incident, and the event arrives after.
        await host.Services.GetRequiredService<EngineProcessor>().ApplyAsync(id, new WorkflowWithdrawnEvent("不办了", "zhangsan"), null, CancellationToken.None);
        var incident = Assert.Single((await host.GetJsonAsync("admin", "/api/incidents")).EnumerateArray());
        Assert.DoesNotContain(incident.GetProperty("heldEvents").EnumerateArray(), e => e.GetProperty("event").GetString() == "withdrawn");

        var fixedVersion = await host.PublishAsync(Broken.Replace("buyerName > 5", "buyerName != ''", StringComparison.Ordinal));
        using var admin = host.Client("admin");
        using var retried = await admin.PostAsJsonAsync($"/api/incidents/{incident.GetProperty("id").GetString()}/retry", new { migrateToVersion = fixedVersion });
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        var after = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}");
        Assert.Equal("in-progress", after.GetProperty("status").GetString());
    }

    [Fact]
    public async Task AnAdministratorReadingTheProgressPage_IsOfferedNoWithdrawal_TheApplicantIs()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await host.SubmitBusinessOpeningAsync();
        using var applicant = host.Client("zhangsan");
        Assert.Contains("id=\"withdrawal\"", await applicant.GetStringAsync($"/applications/{id}"), StringComparison.Ordinal);
        using var admin = host.Client("admin");
        Assert.DoesNotContain("id=\"withdrawal\"", await admin.GetStringAsync($"/applications/{id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWithdrawalWithNoBodyAndNoContentLength_IsAccepted()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await host.SubmitBusinessOpeningAsync();

        // What curl -X POST sends without -d: no Content-Length, no Transfer-Encoding, no Content-Type.
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(host.Address.Host, host.Address.Port);
        await using var stream = tcp.GetStream();
        var request = $"POST /api/applications/{id}/withdrawal HTTP/1.1\r\nHost: {host.Address.Authority}\r\nX-Demo-User: zhangsan\r\nAccept: application/json\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var statusLine = await reader.ReadLineAsync();
        Assert.StartsWith("HTTP/1.1 200", statusLine, StringComparison.Ordinal);
        Assert.Equal("withdrawn", (await host.GetJsonAsync("zhangsan", $"/api/applications/{id}")).GetProperty("status").GetString());
    }
}
