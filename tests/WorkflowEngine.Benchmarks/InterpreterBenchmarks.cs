using BenchmarkDotNet.Attributes;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Benchmarks;

/// <summary>The pure core: starting 企业开办, and applying the licence's approval (which dispatches six parallel steps).</summary>
[MemoryDiagnoser]
public class InterpreterBenchmarks
{
    private readonly WorkflowInterpreter _interpreter = new(Catalog.Activities);
    private WorkflowDefinition _definition = null!;
    private ApplicationData _application = null!;
    private InstanceState _started = null!;
    private readonly DateTimeOffset _now = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    [GlobalSetup]
    public void Setup()
    {
        _definition = Catalog.Shipped("business-opening");
        _application = new ApplicationData(Guid.NewGuid(), "YB-1", new Dictionary<string, object?> { ["openBankAccount"] = true });
        _started = _interpreter.Start(_definition, _application, Catalog.Calendar, _now).State;
    }

    [Benchmark]
    public InterpretResult Start() => _interpreter.Start(_definition, _application, Catalog.Calendar, _now);

    [Benchmark]
    public InterpretResult ApproveLicence() => _interpreter.Apply(_definition, _started, _application,
        new StepCompletedEvent("business-licence", 1, StepOutcome.Approved, null, null, "clerk", _now, true), Catalog.Calendar, _now);

    [Benchmark]
    public string SerializeState() => InstanceStateJson.Serialize(_started);

    [Benchmark]
    public DateTimeOffset DueAcrossSpringFestival() => Catalog.Calendar.AddWorkingDays(new DateTimeOffset(2026, 2, 13, 10, 0, 0, TimeSpan.FromHours(8)), 8);
}
