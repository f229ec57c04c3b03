using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// The opening the tests of standing and late clocks share: the shipped 企业开办 (in its staged form when asked,
/// <see cref="StageClockTests.PublishStagedAsync"/>) submitted on the host's clock, its SAMR licence task open.
/// </summary>
public static class LicenceTask
{
    /// <summary>Submits one application and waits until its licence task reaches SAMR; returns both ids.</summary>
    public static async Task<(Guid Application, string Task)> OpenAsync(AllInOneHost host, bool staged = false)
    {
        if (staged)
        {
            await StageClockTests.PublishStagedAsync(host);
        }

        var id = await host.SubmitBusinessOpeningAsync();
        var task = (await host.TaskOfAsync(id)).GetProperty("id").GetString()!;
        return (id, task);
    }
}
