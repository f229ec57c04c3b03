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

    [Fact]
    public void Core_ReferencesNoOtherProject() => Assert.Empty(WorkflowReferences("WorkflowEngine.Core"));

    [Fact]
    public void Activities_ReferenceOnlyTheCore() => Assert.Equal(["WorkflowEngine.Core"], WorkflowReferences("WorkflowEngine.Activities"));

    [Theory]
    [InlineData("WorkflowEngine.Core")]
    [InlineData("WorkflowEngine.Definitions")]
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
