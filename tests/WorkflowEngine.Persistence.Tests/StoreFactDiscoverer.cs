using Xunit.Abstractions;
using Xunit.Sdk;

namespace WorkflowEngine.Persistence.Tests;

/// <summary>
/// Finds the <see cref="StoreFactAttribute"/> tests of each concrete suite. xUnit 2 reads a fact's skip reason from the
/// attribute, which the abstract suite's methods share with every subclass; whether a server is there is a property of
/// the subclass, so it is decided here, per test class.
/// </summary>
public sealed class StoreFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        var server = testMethod.TestClass.Class.GetCustomAttributes(typeof(DatabaseServerAttribute)).FirstOrDefault();
        if (server?.GetConstructorArguments().ToArray() is [string variable, string reason] && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(variable)))
        {
            return [new XunitSkippedDataRowTestCase(diagnosticMessageSink, display, displayOptions, testMethod, reason)];
        }

        return [new XunitTestCase(diagnosticMessageSink, display, displayOptions, testMethod)];
    }
}
