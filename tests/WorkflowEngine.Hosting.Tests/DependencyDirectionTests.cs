using System.Reflection;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>Dependencies point one way: Hosts → Activities → Engine; contracts depend on nothing.</summary>
public sealed class DependencyDirectionTests
{
    private static string[] WorkflowReferences(string assembly) =>
        Assembly.Load(assembly).GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => n.StartsWith("WorkflowEngine.", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();

    [Fact]
    public void Contracts_DependOnNothingButTheFramework()
    {
        var references = Assembly.Load("WorkflowEngine.Contracts").GetReferencedAssemblies().Select(a => a.Name!);

        Assert.All(references, name => Assert.True(name.StartsWith("System", StringComparison.Ordinal) || name == "netstandard", name));
    }

    /// <summary>The working-time calendar is shared by the engine's core and the department side, so it knows neither.</summary>
    [Fact]
    public void Calendars_ReferenceNoOtherProject() => Assert.Empty(WorkflowReferences("WorkflowEngine.Calendars"));

    [Fact]
    public void Core_ReferencesOnlyTheCalendars() => Assert.Equal(["WorkflowEngine.Calendars"], WorkflowReferences("WorkflowEngine.Core"));

    [Fact]
    public void Activities_ReferenceOnlyTheCoreAndTheCalendars() =>
        Assert.Equal(["WorkflowEngine.Calendars", "WorkflowEngine.Core"], WorkflowReferences("WorkflowEngine.Activities"));

    [Fact]
    public void DeliveryKernel_ReferencesOnlyTheContracts() => Assert.Equal(["WorkflowEngine.Contracts"], WorkflowReferences("WorkflowEngine.Delivery"));

    /// <summary>
    /// The department side runs where the engine does not (a department host): it knows the contracts, the delivery
    /// kernel and the working-time calendar (to count a step's working time as the engine does), not the interpreter,
    /// the definitions or the engine's stores.
    /// </summary>
    [Fact]
    public void DepartmentSide_ReferencesOnlyTheContractsTheKernelAndTheCalendars() =>
        Assert.Equal(["WorkflowEngine.Calendars", "WorkflowEngine.Contracts", "WorkflowEngine.Delivery"], WorkflowReferences("WorkflowEngine.Departments"));

    /// <summary>The engine side knows the departments only through the contracts.</summary>
    [Fact]
    public void EngineSide_DoesNotKnowTheDepartmentSide() => Assert.DoesNotContain("WorkflowEngine.Departments", WorkflowReferences("WorkflowEngine.Runtime"));

    [Theory]
    [InlineData("WorkflowEngine.Runtime")]
    [InlineData("WorkflowEngine.Departments")]
    [InlineData("WorkflowEngine.Delivery")]
    public void EngineAndDepartmentSides_HaveNoWebFramework(string assembly) =>
        Assert.DoesNotContain(Assembly.Load(assembly).GetReferencedAssemblies(), a => a.Name!.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));

    [Theory]
    [InlineData("WorkflowEngine.Calendars")]
    [InlineData("WorkflowEngine.Core")]
    [InlineData("WorkflowEngine.Definitions")]
    [InlineData("WorkflowEngine.Delivery")]
    [InlineData("WorkflowEngine.Departments")]
    [InlineData("WorkflowEngine.Runtime")]
    [InlineData("WorkflowEngine.Persistence")]
    [InlineData("WorkflowEngine.Messaging")]
    public void Engine_NeverReferencesActivitiesOrHosts(string engineAssembly) =>
        Assert.DoesNotContain(WorkflowReferences(engineAssembly), n => n is "WorkflowEngine.Activities" || n.StartsWith("WorkflowEngine.Hosting", StringComparison.Ordinal));

    [Fact]
    public void Core_HasNoInfrastructure()
    {
        var references = Assembly.Load("WorkflowEngine.Core").GetReferencedAssemblies().Select(a => a.Name!).ToArray();

        Assert.DoesNotContain(references, n => n.Contains("Dapper", StringComparison.Ordinal) || n.Contains("MassTransit", StringComparison.Ordinal)
            || n.Contains("Sqlite", StringComparison.Ordinal) || n.Contains("AspNetCore", StringComparison.Ordinal));
    }
}
