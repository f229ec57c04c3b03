using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// An engine host for most departments and a department host of its own for SAMR and BANK (the counter), over RabbitMQ,
/// with a database of its own, fetching files from the engine host with its service token.
/// </summary>
internal sealed class SamrCounterHosts : IAsyncDisposable
{
    private const string Token = "counter-host-token";

    private SamrCounterHosts(AllInOneHost engine, AllInOneHost counter) => (Engine, Counter) = (engine, counter);

    public AllInOneHost Engine { get; }

    public AllInOneHost Counter { get; }

    /// <summary>Starts both on <paramref name="broker"/> and waits until the counter consumes SAMR's queue.</summary>
    public static async Task<SamrCounterHosts> StartAsync(RabbitMqBroker broker)
    {
        var engine = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning, extraArgs:
        [
            .. broker.HostArgs, "--Departments:Codes=PSB,TAX,HRSS,HSA,HPF",
            "--ServiceAccounts:0:Name=counter", $"--ServiceAccounts:0:TokenSha256={ServiceAccount.Hash(Token)}", "--ServiceAccounts:0:Departments=SAMR,BANK",
        ]);
        try
        {
            var counter = await AllInOneHost.StartDepartmentHostAsync(
                [.. broker.HostArgs, "--Departments:Codes=SAMR,BANK", $"--Departments:EngineUrl={engine.Address}", $"--Departments:EngineToken={Token}"]);
            var hosts = new SamrCounterHosts(engine, counter);
            await broker.WaitForConsumerAsync("dept.SAMR");
            return hosts;
        }
        catch
        {
            await engine.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Counter.DisposeAsync();
        await Engine.DisposeAsync();
    }
}
