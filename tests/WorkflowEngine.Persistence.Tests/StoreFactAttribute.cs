using Xunit.Sdk;

namespace WorkflowEngine.Persistence.Tests;

/// <summary>
/// A fact of a store suite: it runs in every subclass, except that a subclass marked <see cref="DatabaseServerAttribute"/>
/// reports it as skipped, with the attribute's reason, while the server's variable is not set. The SQLite suite has no
/// such mark and always runs.
/// </summary>
[XunitTestCaseDiscoverer("WorkflowEngine.Persistence.Tests.StoreFactDiscoverer", "WorkflowEngine.Persistence.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreFactAttribute : FactAttribute;
