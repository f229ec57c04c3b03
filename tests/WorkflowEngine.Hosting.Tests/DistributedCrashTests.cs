using WorkflowEngine.Contracts;
using WorkflowEngine.Testing;
using Xunit;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// "Kill any process at any moment" in the distributed deployment, with 企业开办 and 联合验收 + 不动产登记 applications:
/// two engine processes on one PostgreSQL database and department hosts with databases of their own, over RabbitMQ,
/// citizens submitting at either engine and clerks deciding at the department hosts, while processes are SIGKILLed
/// one by one and then all at once. The processes run on a Monday morning with 企业开办's steps limited to seconds of
/// working time, so their yellow and red cards and the escalation come due across the kills. In the end every application
/// answered 201 has finished, every decision answered 200 is its step's outcome, timers fired and none twice, none is
/// left, and nothing happened twice (<see cref="DistributedCrashDeployment.RunAsync"/>).
/// </summary>
[Trait("Category", "Integration")]
public sealed class DistributedCrashTests
{
    private const int Applications = 500;

    /// <summary>The departments of 企业开办, counter and automated.</summary>
    private const string CounterDepartments = "SAMR,PSB,TAX,HRSS,HSA,HPF,BANK,GSC";

    /// <summary>Every other department: those of 联合验收 + 不动产登记 and of the construction permits.</summary>
    private const string ConstructionDepartments = "DRC,NRP,EEB,HUD,QSS,CAD,ARCH,REG";

    /// <summary>One department host serves every department: one engine is killed (the other carries on), then the department host, then (as in every run) every process.</summary>
    [DistributedFact]
    public async Task SigkillUnderLoad_TheEngineTheDepartmentHostAndBoth_LosesNothingAndRepeatsNothing()
    {
        await using var deployment = await DistributedCrashDeployment.CreateAsync(stepSeconds: 36);
        var departments = deployment.DepartmentHost("departments", await deployment.DepartmentDatabaseAsync("crash_departments"), "*");
        await deployment.StartAsync();

        using var load = deployment.Load(Applications, _ => [departments.Address]);
        await deployment.RunAsync(load, async () =>
        {
            // 1. One engine process, while applications are coming in: the other carries on meanwhile.
            await deployment.WaitUntilAsync(load, () => load.Accepted.Count >= Applications / 4, "a quarter of the applications");
            await DistributedCrashDeployment.RestartAsync(deployment.Engine);

            // 2. The department host, while clerks are deciding.
            await deployment.WaitUntilAsync(load, () => load.Decisions.Count >= Applications / 2, "decisions in full swing");
            await DistributedCrashDeployment.RestartAsync(departments);
        });
    }

    /// <summary>
    /// 企业开办's departments are served by two department hosts on one database, competing for each queue's steps (the
    /// clerks' load balancer sends each request to the next of them), and the construction departments by a third host
    /// with a database of its own. One of the competing hosts is killed while applications come in (its twin carries
    /// on), then the construction host and an engine while clerks decide, then (as in every run) every process at once.
    /// </summary>
    [DistributedFact]
    public async Task SigkillUnderLoad_DepartmentHostsServingDisjointAndSharedDepartments_LosesNothingAndRepeatsNothing()
    {
        // 企业开办's steps never stall here as they do when their only host dies (a twin carries on), so they wait less:
        // at 36 seconds no step was still undecided 7 seconds after its red card, and no escalation came due.
        await using var deployment = await DistributedCrashDeployment.CreateAsync(stepSeconds: 18);
        var counters = await deployment.DepartmentDatabaseAsync("crash_counters");
        var counter = deployment.DepartmentHost("counter", counters, CounterDepartments);
        var twin = deployment.DepartmentHost("counter-2", counters, CounterDepartments);
        var construction = deployment.DepartmentHost("construction", await deployment.DepartmentDatabaseAsync("crash_construction"), ConstructionDepartments);
        await deployment.StartAsync();
        foreach (var code in CounterDepartments.Split(','))
        {
            // Both hosts consume each of these queues: RabbitMQ hands each step to one of them.
            await deployment.WaitUntilConsumersAsync(Queues.Department(code), 2);
        }

        using var load = deployment.Load(Applications, department =>
            CounterDepartments.Split(',').Contains(department) ? [counter.Address, twin.Address] : [construction.Address]);
        await deployment.RunAsync(load, async () =>
        {
            // 1. One of the competing department hosts, while applications are coming in: its twin carries on meanwhile.
            await deployment.WaitUntilAsync(load, () => load.Accepted.Count >= Applications / 4, "a quarter of the applications");
            await DistributedCrashDeployment.RestartAsync(counter);

            // 2. The only host of the construction departments, and an engine, while clerks are deciding.
            await deployment.WaitUntilAsync(load, () => load.Decisions.Count >= Applications / 2, "decisions in full swing");
            await DistributedCrashDeployment.RestartAsync(construction, deployment.Second);
        });
    }
}
