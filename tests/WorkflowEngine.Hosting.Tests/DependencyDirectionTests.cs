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

    /// <summary>Every WorkflowEngine assembly <paramref name="assembly"/> loads, through its references and theirs.</summary>
    private static SortedSet<string> ReachableWorkflowAssemblies(string assembly)
    {
        var reached = new SortedSet<string>(StringComparer.Ordinal);
        var next = new Stack<string>([assembly]);
        while (next.TryPop(out var name))
        {
            foreach (var reference in WorkflowReferences(name).Where(reached.Add))
            {
                next.Push(reference);
            }
        }

        return reached;
    }

    /// <summary>What a department host must never load: the interpreter, the definitions, the activities, the engine's stores and consumers.</summary>
    private static readonly string[] EngineAssemblies =
    [
        "WorkflowEngine.Runtime", "WorkflowEngine.Core", "WorkflowEngine.Definitions", "WorkflowEngine.Activities",
        "WorkflowEngine.Persistence", "WorkflowEngine.Runtime.Messaging",
    ];

    private static readonly string[] DepartmentAssemblies =
        ["WorkflowEngine.Departments", "WorkflowEngine.Departments.Storage", "WorkflowEngine.Departments.Messaging"];

    [Fact]
    public void Contracts_DependOnNothingButTheFramework()
    {
        var references = Assembly.Load("WorkflowEngine.Contracts").GetReferencedAssemblies().Select(a => a.Name!);

        Assert.All(references, name => Assert.True(name.StartsWith("System", StringComparison.Ordinal) || name == "netstandard", name));
    }

    /// <summary>The working-time calendar is shared by the engine's core and the department side, so it knows neither.</summary>
    [Fact]
    public void Calendars_ReferenceNoOtherProject() => Assert.Empty(WorkflowReferences("WorkflowEngine.Calendars"));

    /// <summary>
    /// The core counts working time and names things in two languages: nothing else of ours, and none of the data files'
    /// reading (YAML, files), which the core never does.
    /// </summary>
    [Fact]
    public void Core_ReferencesOnlyTheCalendarsAndTheSharedWords() =>
        Assert.Equal(["WorkflowEngine.Calendars", "WorkflowEngine.Core.Model"], WorkflowReferences("WorkflowEngine.Core"));

    /// <summary>The words both sides name things with (a text in two languages, a department) know nothing of ours.</summary>
    [Fact]
    public void SharedWords_ReferenceNoOtherProject() => Assert.Empty(WorkflowReferences("WorkflowEngine.Core.Model"));

    /// <summary>The installation's data files (departments, calendars) are read by both hosts, so they know the calendar and the shared words only.</summary>
    [Fact]
    public void DataFiles_ReferenceOnlyTheCalendarsAndTheSharedWords() =>
        Assert.Equal(["WorkflowEngine.Calendars", "WorkflowEngine.Core.Model"], WorkflowReferences("WorkflowEngine.DataFiles"));

    [Fact]
    public void Activities_ReferenceOnlyTheCoreTheCalendarsAndTheSharedWords() =>
        Assert.Equal(["WorkflowEngine.Calendars", "WorkflowEngine.Core", "WorkflowEngine.Core.Model"], WorkflowReferences("WorkflowEngine.Activities"));

    [Fact]
    public void DeliveryKernel_ReferencesOnlyTheContracts() => Assert.Equal(["WorkflowEngine.Contracts"], WorkflowReferences("WorkflowEngine.Delivery"));

    /// <summary>
    /// The department side runs where the engine does not (a department host): it knows the contracts, the delivery
    /// kernel, the working-time calendar (to count a step's working time as the engine does) and the shared words (a
    /// refusal in two languages), not the interpreter, the definitions or the engine's stores.
    /// </summary>
    [Fact]
    public void DepartmentSide_ReferencesOnlyTheContractsTheKernelTheCalendarsAndTheSharedWords() =>
        Assert.Equal(
            ["WorkflowEngine.Calendars", "WorkflowEngine.Contracts", "WorkflowEngine.Core.Model", "WorkflowEngine.Delivery"],
            WorkflowReferences("WorkflowEngine.Departments"));

    /// <summary>The users' records and rules are shared by the engine host and a department host, so they know neither side.</summary>
    [Fact]
    public void Identity_ReferencesNoOtherProject() => Assert.Empty(WorkflowReferences("WorkflowEngine.Identity"));

    /// <summary>The users' tables sit on the database kernel beside the department's, reaching nothing of the engine.</summary>
    [Fact]
    public void IdentityStorage_ReachesOnlyTheUsersAndTheDatabaseKernel() =>
        Assert.Equal(
            ["WorkflowEngine.Contracts", "WorkflowEngine.Delivery", "WorkflowEngine.Identity", "WorkflowEngine.Storage"],
            ReachableWorkflowAssemblies("WorkflowEngine.Identity.Storage"));

    /// <summary>The engine side knows the departments only through the contracts.</summary>
    [Fact]
    public void EngineSide_DoesNotKnowTheDepartmentSide() => Assert.DoesNotContain("WorkflowEngine.Departments", WorkflowReferences("WorkflowEngine.Runtime"));

    /// <summary>The shared kernels (database, transport) know the contracts and the delivery kernel only: neither side.</summary>
    [Theory]
    [InlineData("WorkflowEngine.Storage")]
    [InlineData("WorkflowEngine.Messaging")]
    public void SharedKernels_ReferenceOnlyTheContractsAndTheDeliveryKernel(string assembly) =>
        Assert.Equal(["WorkflowEngine.Contracts", "WorkflowEngine.Delivery"], ReachableWorkflowAssemblies(assembly));

    /// <summary>
    /// What a department host runs — the worker, its tables, its consumers, and the kernels under them — loads nothing of
    /// the engine, however indirectly.
    /// </summary>
    [Theory]
    [InlineData("WorkflowEngine.Departments")]
    [InlineData("WorkflowEngine.Departments.Storage")]
    [InlineData("WorkflowEngine.Departments.Messaging")]
    [InlineData("WorkflowEngine.Storage")]
    [InlineData("WorkflowEngine.Messaging")]
    [InlineData("WorkflowEngine.Identity")]
    [InlineData("WorkflowEngine.Identity.Storage")]
    [InlineData("WorkflowEngine.DataFiles")]
    [InlineData("WorkflowEngine.Web.Common")]
    [InlineData("WorkflowEngine.Hosting.Identity")]
    [InlineData("WorkflowEngine.Web.Pages")]
    [InlineData("WorkflowEngine.Departments.Web")]
    public void DepartmentSide_ReachesNoEngineAssembly(string assembly) =>
        Assert.Empty(ReachableWorkflowAssemblies(assembly).Intersect(EngineAssemblies));

    /// <summary>
    /// The web helpers every host's web layer shares (problem details, the request's language, body rules and limits, the
    /// options) sit on the shared words alone: either host carries them without the other side.
    /// </summary>
    [Fact]
    public void WebCommon_ReachesOnlyTheSharedWords() =>
        Assert.Equal(["WorkflowEngine.Core.Model"], ReachableWorkflowAssemblies("WorkflowEngine.Web.Common"));

    /// <summary>
    /// What every host shares of the web layer (the helpers, the sign-in, the pipeline, the layout and the shared pages),
    /// and the engine's web layer above it, load nothing of the department side, however indirectly: an engine host
    /// carries none of it.
    /// </summary>
    [Theory]
    [InlineData("WorkflowEngine.Web.Common")]
    [InlineData("WorkflowEngine.Hosting.Identity")]
    [InlineData("WorkflowEngine.Web.Pages")]
    [InlineData("WorkflowEngine.Hosting")]
    public void SharedAndEngineWebLayers_ReachNoDepartmentAssembly(string assembly) =>
        Assert.DoesNotContain(ReachableWorkflowAssemblies(assembly), IsDepartmentAssembly);

    /// <summary>
    /// The sign-in and the shared pages (layout, language switch, site words) both hosts run know the web helpers below
    /// them, never the web layer that composes the engine.
    /// </summary>
    [Theory]
    [InlineData("WorkflowEngine.Hosting.Identity")]
    [InlineData("WorkflowEngine.Web.Pages")]
    [InlineData("WorkflowEngine.Departments.Web")]
    public void WebIdentity_DoesNotReferenceTheAllInOneWebLayer(string assembly) =>
        Assert.DoesNotContain("WorkflowEngine.Hosting", ReachableWorkflowAssemblies(assembly));

    /// <summary>The rule above can fail: the all-in-one web layer, which composes the engine, reaches the engine's assemblies.</summary>
    [Fact]
    public void EngineAssemblyRule_SeesTheEngineInTheAllInOneWebLayer() =>
        Assert.Superset(new SortedSet<string>(EngineAssemblies), ReachableWorkflowAssemblies("WorkflowEngine.Hosting"));

    /// <summary>What a department host's binary must not carry: the engine's assemblies, and the web layer that composes the engine.</summary>
    private static readonly string[] EngineOrItsWebLayer = [.. EngineAssemblies, "WorkflowEngine.Hosting"];

    /// <summary>
    /// The department host's web layer (its composition, the clerk and supervisor task API, the desk pages) and the host
    /// itself reference no engine assembly and not WorkflowEngine.Hosting, directly or through what they reference.
    /// </summary>
    [Theory]
    [InlineData("WorkflowEngine.Departments.Web")]
    [InlineData("WorkflowEngine.DepartmentHost")]
    public void DepartmentHost_ReachesNeitherTheEngineNorItsWebLayer(string assembly)
    {
        var reached = assembly == DepartmentHostName
            ? ReachableFrom(WorkflowReferences(DepartmentHostAssembly()))
            : ReachableWorkflowAssemblies(assembly);

        Assert.Contains("WorkflowEngine.Departments.Web", reached.Append(assembly));
        Assert.Empty(reached.Intersect(EngineOrItsWebLayer));
    }

    /// <summary>
    /// The department host as built: its <c>.deps.json</c>, which says what the runtime loads and the publish step copies,
    /// names none of the engine's assemblies nor the engine's web layer.
    /// </summary>
    [Fact]
    public void DepartmentHost_DepsFile_NamesNoEngineAssembly()
    {
        var libraries = BuiltHostLibraries(DepartmentHostName);

        Assert.Contains("WorkflowEngine.Departments.Web", libraries);
        Assert.Empty(libraries.Intersect([.. EngineOrItsWebLayer, "WorkflowEngine.Hosting.AllInOne"]));
    }

    /// <summary>The rule above can fail: the engine host's <c>.deps.json</c> names the engine's runtime and web layer.</summary>
    [Fact]
    public void DepsFileRule_SeesTheEngineInTheEngineHost() =>
        Assert.Superset(
            new SortedSet<string>(["WorkflowEngine.Runtime", "WorkflowEngine.Core", "WorkflowEngine.Definitions", "WorkflowEngine.Hosting"]),
            new SortedSet<string>(BuiltHostLibraries("WorkflowEngine.EngineHost")));

    /// <summary>
    /// The engine host as built carries nothing of the department side: its <c>.deps.json</c> names no
    /// WorkflowEngine.Departments assembly (the worker, its tables, its consumers, the clerk API and desk pages), so that
    /// what every host shares (the pipeline, the sign-in, the layout, user administration) lives below the department side.
    /// </summary>
    [Fact]
    public void EngineHost_DepsFile_NamesNoDepartmentAssembly()
    {
        var libraries = BuiltHostLibraries("WorkflowEngine.EngineHost");

        Assert.Contains("WorkflowEngine.Hosting", libraries);
        Assert.DoesNotContain(libraries, IsDepartmentAssembly);
    }

    /// <summary>The rule above can fail: the all-in-one host, which composes the department side beside the engine, carries it.</summary>
    [Fact]
    public void DepsFileRule_SeesTheDepartmentSideInTheAllInOneHost() =>
        Assert.Superset(
            new SortedSet<string>([.. DepartmentAssemblies, "WorkflowEngine.Departments.Web"]),
            new SortedSet<string>(BuiltHostLibraries("WorkflowEngine.AllInOne").Where(IsDepartmentAssembly)));

    private static bool IsDepartmentAssembly(string name) => name.StartsWith("WorkflowEngine.Departments", StringComparison.Ordinal);

    /// <summary>The libraries a built host's <c>.deps.json</c> names: what the runtime loads and the publish step copies.</summary>
    private static string[] BuiltHostLibraries(string project)
    {
        var deps = Path.ChangeExtension(BuiltHostPath(project), ".deps.json");
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(deps));
        return [.. document.RootElement.GetProperty("libraries").EnumerateObject().Select(l => l.Name.Split('/')[0])];
    }

    /// <summary>
    /// The department side's queues, worker and handlers are composed beside the engine only by the all-in-one composition
    /// (WorkflowEngine.Hosting.AllInOne): the engine's web layer, which is what an engine host runs, does not reference the
    /// department side's consumers.
    /// </summary>
    [Fact]
    public void EnginesWebLayer_DoesNotComposeTheDepartmentQueues() =>
        Assert.DoesNotContain("WorkflowEngine.Departments.Messaging", WorkflowReferences("WorkflowEngine.Hosting"));

    /// <summary>The rule above can fail: the all-in-one composition references the department side's consumers.</summary>
    [Fact]
    public void DepartmentQueuesRule_SeesTheQueuesInTheAllInOneComposition() =>
        Assert.Contains("WorkflowEngine.Departments.Messaging", WorkflowReferences("WorkflowEngine.Hosting.AllInOne"));

    /// <summary>
    /// The engine host as built references the engine's web layer, and neither it nor anything under it the all-in-one
    /// composition, which brings the department side's queues and worker.
    /// </summary>
    [Fact]
    public void EngineHost_ReachesTheEnginesWebLayer_NotTheAllInOneComposition()
    {
        var direct = WorkflowReferences(BuiltHostReferences("WorkflowEngine.EngineHost"));

        Assert.Equal(["WorkflowEngine.Hosting"], direct);
        Assert.DoesNotContain("WorkflowEngine.Hosting.AllInOne", ReachableFrom(direct));
    }

    private const string DepartmentHostName = "WorkflowEngine.DepartmentHost";

    private static string DepartmentHostPath() => BuiltHostPath(DepartmentHostName);

    /// <summary>A host's built assembly, in the configuration the tests were built in (the test project builds the hosts first).</summary>
    private static string BuiltHostPath(string project)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var dll = Path.Combine(WorkflowEngine.Testing.RepositoryPaths.Root, "Hosts", project, "bin", configuration, "net10.0", project + ".dll");
        Assert.True(File.Exists(dll), $"Build {project} ({configuration}) first: {dll} is missing.");
        return dll;
    }

    /// <summary>The department host's assembly, read for its references only (it is not referenced by the tests, which start it as a process).</summary>
    private static AssemblyName[] DepartmentHostAssembly() => BuiltHostReferences(DepartmentHostName);

    /// <summary>A built host's references, read from its assembly without loading it.</summary>
    private static AssemblyName[] BuiltHostReferences(string project)
    {
        using var stream = File.OpenRead(BuiltHostPath(project));
        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
        var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        return [.. metadata.AssemblyReferences.Select(h => metadata.GetAssemblyReference(h).GetAssemblyName())];
    }

    private static string[] WorkflowReferences(AssemblyName[] references) =>
        [.. references.Select(a => a.Name!).Where(n => n.StartsWith("WorkflowEngine.", StringComparison.Ordinal))];

    private static SortedSet<string> ReachableFrom(string[] direct)
    {
        var reached = new SortedSet<string>(direct, StringComparer.Ordinal);
        foreach (var name in direct)
        {
            reached.UnionWith(ReachableWorkflowAssemblies(name));
        }

        return reached;
    }

    /// <summary>The engine's runtime, stores and consumers load nothing of the department side, however indirectly.</summary>
    [Theory]
    [InlineData("WorkflowEngine.Runtime")]
    [InlineData("WorkflowEngine.Persistence")]
    [InlineData("WorkflowEngine.Runtime.Messaging")]
    public void EngineSide_ReachesNoDepartmentAssembly(string assembly) =>
        Assert.Empty(ReachableWorkflowAssemblies(assembly).Intersect(DepartmentAssemblies));

    /// <summary>
    /// The rules above follow references of references: the engine's consumers use nothing of the definition reader
    /// themselves, and load it through the runtime.
    /// </summary>
    [Fact]
    public void ReachableAssemblies_FollowReferencesOfReferences()
    {
        Assert.DoesNotContain("WorkflowEngine.Definitions", WorkflowReferences("WorkflowEngine.Runtime.Messaging"));
        Assert.Contains("WorkflowEngine.Definitions", ReachableWorkflowAssemblies("WorkflowEngine.Runtime.Messaging"));
    }

    [Theory]
    [InlineData("WorkflowEngine.Runtime")]
    [InlineData("WorkflowEngine.Departments")]
    [InlineData("WorkflowEngine.Delivery")]
    [InlineData("WorkflowEngine.Storage")]
    [InlineData("WorkflowEngine.Departments.Storage")]
    [InlineData("WorkflowEngine.Messaging")]
    [InlineData("WorkflowEngine.Departments.Messaging")]
    [InlineData("WorkflowEngine.Runtime.Messaging")]
    [InlineData("WorkflowEngine.Identity")]
    [InlineData("WorkflowEngine.Identity.Storage")]
    public void EngineAndDepartmentSides_HaveNoWebFramework(string assembly) =>
        Assert.DoesNotContain(
            ReachableWorkflowAssemblies(assembly).Append(assembly).SelectMany(a => Assembly.Load(a).GetReferencedAssemblies()),
            a => a.Name!.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));

    [Theory]
    [InlineData("WorkflowEngine.Calendars")]
    [InlineData("WorkflowEngine.Core")]
    [InlineData("WorkflowEngine.Definitions")]
    [InlineData("WorkflowEngine.Delivery")]
    [InlineData("WorkflowEngine.Departments")]
    [InlineData("WorkflowEngine.Runtime")]
    [InlineData("WorkflowEngine.Persistence")]
    [InlineData("WorkflowEngine.Messaging")]
    [InlineData("WorkflowEngine.Storage")]
    [InlineData("WorkflowEngine.Departments.Storage")]
    [InlineData("WorkflowEngine.Departments.Messaging")]
    [InlineData("WorkflowEngine.Runtime.Messaging")]
    [InlineData("WorkflowEngine.Identity")]
    [InlineData("WorkflowEngine.Identity.Storage")]
    [InlineData("WorkflowEngine.DataFiles")]
    public void Engine_NeverReferencesActivitiesOrHosts(string engineAssembly) =>
        Assert.DoesNotContain(WorkflowReferences(engineAssembly), n => n is "WorkflowEngine.Activities" || n.StartsWith("WorkflowEngine.Hosting", StringComparison.Ordinal));

    /// <summary>
    /// The department side of the web layer — the clerk desk, the clerk API's rules, what a department host starts and
    /// follows, the users' administration both hosts share, the sign-in status — names departments through the
    /// department directory, never through the engine's reference data: a department host holds none.
    /// </summary>
    [Theory]
    [InlineData("WorkflowEngine.Hosting.Api.Desk")]
    [InlineData("WorkflowEngine.Hosting.Pages.Desk")]
    [InlineData("WorkflowEngine.Hosting.Distributed")]
    [InlineData("WorkflowEngine.Hosting.Identity")]
    [InlineData("WorkflowEngine.Hosting.Api.TasksEndpoints")]
    [InlineData("WorkflowEngine.Hosting.Api.UsersEndpoints")]
    [InlineData("WorkflowEngine.Hosting.Pages.Admin.UserText")]
    [InlineData("WorkflowEngine.Hosting.Pages.Admin.UsersModel")]
    [InlineData("WorkflowEngine.Hosting.Pages.Admin.UserModel")]
    [InlineData("WorkflowEngine.Hosting.Pages.Shared.Pages_Shared__SignInStatus")]
    public void DepartmentSideOfTheWebLayer_DoesNotUseTheEnginesReferenceData(string namespaceOrType) =>
        Assert.Empty(WebTypes(namespaceOrType).SelectMany(t => TypeUses.Of(t, typeof(WorkflowEngine.Definitions.ReferenceData))));

    /// <summary>
    /// A department host reads its own departments.yaml and calendars/ with the data files' reader: its composition, and
    /// what it starts and follows, use no type of the engine's definition reader (WorkflowEngine.Definitions), however
    /// they would reach it (a parameter, a service looked up, a static call).
    /// </summary>
    [Theory]
    [InlineData("WorkflowEngine.Hosting.DepartmentHosting")]
    [InlineData("WorkflowEngine.Hosting.Distributed")]
    public void DepartmentHostComposition_DoesNotUseTheDefinitionReader(string namespaceOrType) =>
        Assert.Empty(WebTypes(namespaceOrType).SelectMany(t => TypeUses.Of(t, u => u.Assembly == typeof(WorkflowEngine.Definitions.ReferenceData).Assembly)));

    /// <summary>
    /// User administration and the departments it edits, shared by both hosts, go through the users' directory stores
    /// (WorkflowEngine.Identity, .Identity.Storage): on a department host they are its own, never the engine's stores.
    /// </summary>
    [Theory]
    [InlineData("WorkflowEngine.Hosting.Identity")]
    [InlineData("WorkflowEngine.Hosting.Api.UsersEndpoints")]
    [InlineData("WorkflowEngine.Hosting.Api.DepartmentOverview")]
    [InlineData("WorkflowEngine.Hosting.Pages.Admin.DepartmentsModel")]
    [InlineData("WorkflowEngine.Hosting.DepartmentHosting")]
    public void UserAdministration_DoesNotUseTheEnginesStores(string namespaceOrType) =>
        Assert.Empty(WebTypes(namespaceOrType).SelectMany(t => TypeUses.Of(t, u => u.Assembly.GetName().Name is "WorkflowEngine.Persistence")));

    /// <summary>The rule above would see the department host's files read through the engine's reference data, as they were.</summary>
    [Fact]
    public void DefinitionReaderRule_SeesAReadThroughTheReferenceData() =>
        Assert.NotEmpty(TypeUses.Of(typeof(ReadsThroughTheReferenceData), u => u.Assembly == typeof(WorkflowEngine.Definitions.ReferenceData).Assembly));

    private static class ReadsThroughTheReferenceData
    {
        public static int Departments(string definitionsPath) => WorkflowEngine.Definitions.ReferenceData.Load(definitionsPath).Departments.Count;
    }

    /// <summary>The web layer's assemblies: the sign-in, the shared helpers and the shared pages moved out of Hosting kept their namespaces.</summary>
    private static readonly Assembly[] WebAssemblies =
    [
        typeof(WorkflowHosting).Assembly, typeof(AllInOneHosting).Assembly, Assembly.Load("WorkflowEngine.Hosting.Identity"), Assembly.Load("WorkflowEngine.Web.Common"),
        Assembly.Load("WorkflowEngine.Web.Pages"), Assembly.Load("WorkflowEngine.Departments.Web"),
    ];

    /// <summary>The web layer's top-level types of a namespace, or the one type of that full name; never none.</summary>
    private static Type[] WebTypes(string namespaceOrType)
    {
        var types = WebAssemblies.SelectMany(a => a.GetTypes())
            .Where(t => !t.IsNested && (t.Namespace == namespaceOrType || t.FullName == namespaceOrType))
            .ToArray();
        Assert.NotEmpty(types);
        return types;
    }

    /// <summary>The rule above sees a use that only a method body makes, as the sign-in status's <c>GetService&lt;T&gt;()</c> did.</summary>
    [Fact]
    public void TypeUses_FindsAUseMadeOnlyInAMethodBody() =>
        Assert.Equal(2, TypeUses.Of(typeof(UsesReferenceDataInBodiesOnly), typeof(WorkflowEngine.Definitions.ReferenceData)).Count);

    private static class UsesReferenceDataInBodiesOnly
    {
        public static object? ByType(IServiceProvider services) => services.GetService(typeof(WorkflowEngine.Definitions.ReferenceData));

        public static object? ByGenericArgument(IServiceProvider services) =>
            Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetService<WorkflowEngine.Definitions.ReferenceData>(services);
    }

    [Fact]
    public void Core_HasNoInfrastructure()
    {
        var references = Assembly.Load("WorkflowEngine.Core").GetReferencedAssemblies().Select(a => a.Name!).ToArray();

        Assert.DoesNotContain(references, n => n.Contains("Dapper", StringComparison.Ordinal) || n.Contains("MassTransit", StringComparison.Ordinal)
            || n.Contains("Sqlite", StringComparison.Ordinal) || n.Contains("AspNetCore", StringComparison.Ordinal));
    }
}
