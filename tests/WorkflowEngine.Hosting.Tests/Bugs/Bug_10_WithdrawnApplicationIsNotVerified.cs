using System.Net.Http.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// A step approved on commitment (告知承诺) kept its verification (事后核查) after the applicant withdrew the
/// application: when the verification came due, the archives clerk got a verification task for an application that
/// had ended. Withdrawn, the application leaves no verification timer, no task, and a trail line saying why.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_10_WithdrawnApplicationIsNotVerified
{
    [Fact]
    public async Task AWithdrawnApplication_GetsNoVerificationTask_WhenItsVerificationWouldHaveComeDue()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await CommitmentFlow.SubmitAsync(host);
        var verifyAt = await CommitmentFlow.SignAsync(host, id);

        using var citizen = host.Client("zhangsan");
        (await citizen.PostAsJsonAsync($"/api/applications/{id}/withdrawal", new { reason = "项目暂停" })).EnsureSuccessStatusCode();

        host.Clock.Advance(verifyAt - host.Clock.GetUtcNow() + TimeSpan.FromHours(1));
        await host.FireDueTimersAsync();

        Assert.Equal(0, (await host.GetJsonAsync("arch-clerk", "/api/departments/ARCH/tasks?status=open")).GetArrayLength());
        var application = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}");
        Assert.Equal("withdrawn", application.GetProperty("status").GetString());
        Assert.Equal("dropped", CommitmentFlow.Step(application, CommitmentFlow.Archives).GetProperty("commitment").GetProperty("status").GetString());
        var audit = (await host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries").EnumerateArray().ToArray();
        Assert.DoesNotContain(audit, e => e.GetProperty("type").GetString() == "CommitmentVerificationDispatched");
        var dropped = Assert.Single(audit, e => e.GetProperty("type").GetString() == "CommitmentVerificationDropped");
        Assert.Contains("申请人撤回申请", dropped.GetProperty("data").GetProperty("reason").GetString(), StringComparison.Ordinal);
    }
}
