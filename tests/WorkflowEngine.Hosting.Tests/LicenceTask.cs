using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// The opening the tests of standing and late clocks share: the shipped 企业开办 (in its staged form when asked,
/// <see cref="StageClockTests.PublishStagedAsync"/>) submitted on the host's clock, its SAMR licence task open.
/// </summary>
public static class LicenceTask
{
    /// <summary>
    /// Submits one application and waits until its licence task reaches SAMR and the engine has recorded SAMR's
    /// acknowledgement (no step still "dispatched"), so that nothing saves the application behind the test's back; returns
    /// both ids.
    /// </summary>
    public static async Task<(Guid Application, string Task)> OpenAsync(AllInOneHost host, bool staged = false)
    {
        if (staged)
        {
            await StageClockTests.PublishStagedAsync(host);
        }

        var id = await host.SubmitBusinessOpeningAsync();
        var task = (await host.TaskOfAsync(id)).GetProperty("id").GetString()!;
        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}"),
            a => a.GetProperty("steps").EnumerateArray().All(s => s.GetProperty("status").GetString() != "dispatched"),
            "SAMR's acknowledgement recorded by the engine");
        return (id, task);
    }
}
