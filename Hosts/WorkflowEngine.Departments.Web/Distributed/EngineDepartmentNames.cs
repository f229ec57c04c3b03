using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Runtime;
using WorkflowEngine.Runtime.Processing;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Distributed;

/// <summary>
/// A department host's department names, as the engine host's administrators set them: fetched from the engine
/// (<c>GET /api/departments</c>, public) at start and every <see cref="EngineOptions.DepartmentFollowInterval"/>, so a
/// department renamed at the engine shows on this host's pages and API within that interval. Names only: the engine
/// keeps no department this host does not know, and its codes and queues never change at run time.
/// </summary>
/// <remarks>
/// Fetched rather than carried in the step messages: a rename must show also at a department that receives no step
/// for a while, and the engine is where administrators edit departments (a department host has no department editing).
/// While the engine cannot be reached the host keeps the names it shows.
/// </remarks>
public sealed partial class EngineDepartmentNames(
    HttpClient http, IDepartmentDirectory directory, TimeProvider time, IOptions<EngineOptions> options, ILogger<EngineDepartmentNames> logger)
    : Follower(time)
{
    protected override TimeSpan Interval => options.Value.DepartmentFollowInterval;

    protected override bool FollowAtStart => true;

    /// <summary>Renames the departments whose names at the engine differ from what this host shows; returns how many.</summary>
    public override async Task<int> FollowAsync(CancellationToken cancellationToken)
    {
        var listed = await http.GetFromJsonAsync<DepartmentDto[]>("/api/departments", JsonSerializerOptions.Web, cancellationToken) ?? [];
        // The engine's names over this host's description, which the list does not carry.
        var shown = directory.Departments;
        return directory.RenameChanged(listed
            .Where(d => !string.IsNullOrWhiteSpace(d.Name) && shown.ContainsKey(d.Code))
            .Select(d => shown[d.Code] with { NameZh = d.Name, NameEn = d.NameEn }));
    }

    protected override void Took(int count) => LogRenamed(count, http.BaseAddress);

    protected override void Failed(Exception exception) => LogUnreachable(http.BaseAddress, exception.Message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Took up the names of {Count} departments renamed at the engine at {Engine}")]
    private partial void LogRenamed(int count, Uri? engine);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not fetch the department names from the engine at {Engine}: {Error}; keeping the ones shown")]
    private partial void LogUnreachable(Uri? engine, string error);
}
