namespace WorkflowEngine.Hosting.Tests;

/// <summary>The tests of this collection change the process's working directory, so they run alone.</summary>
[CollectionDefinition(nameof(WorkingDirectoryCollection), DisableParallelization = true)]
public sealed class WorkingDirectoryCollection;
