using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Definitions;

namespace WorkflowEngine.Runtime.Definitions;

/// <summary>
/// Definitions by id and version: drafts are validated when saved and again when published; published versions are
/// parsed once and cached for good (they never change), and running applications keep the version they started with.
/// </summary>
public sealed class DefinitionRegistry(IDefinitionStore store, DefinitionLoader loader, TimeProvider time, ILogger<DefinitionRegistry> logger)
{
    private static readonly TimeSpan LatestCacheFor = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<(string Id, int Version), WorkflowDefinition> _parsed = new();
    private readonly ConcurrentDictionary<string, (int? Version, DateTimeOffset CheckedAt)> _latest = new(StringComparer.Ordinal);

    public DefinitionLoader Loader { get; } = loader;

    /// <summary>A published version; its parse is cached for the life of the process.</summary>
    public async Task<WorkflowDefinition> GetAsync(string id, int version, CancellationToken cancellationToken)
    {
        if (_parsed.TryGetValue((id, version), out var cached))
        {
            return cached;
        }

        var record = await store.GetAsync(id, version, cancellationToken)
            ?? throw new KeyNotFoundException($"Definition {id} v{version} is not stored.");
        var result = Loader.Load(record.Source, $"{id}@v{version}");
        if (result.Definition is null)
        {
            throw new InvalidOperationException($"Stored definition {id} v{version} no longer loads: {string.Join("; ", result.Errors)}");
        }

        var definition = result.Definition.WithVersion(version);
        _parsed.TryAdd((id, version), definition);
        return definition;
    }

    /// <summary>A version if it is published (drafts never run applications); null otherwise.</summary>
    public async Task<WorkflowDefinition?> GetPublishedAsync(string id, int version, CancellationToken cancellationToken) =>
        await store.GetAsync(id, version, cancellationToken) is { Status: DefinitionStatuses.Published }
            ? await GetAsync(id, version, cancellationToken)
            : null;

    /// <summary>
    /// The version new applications get: the newest version ever published, unless it has been retired. Retiring the
    /// newest version closes the service to new applications until another is published; an older version, replaced
    /// on purpose, never comes back into use by itself.
    /// </summary>
    public async Task<WorkflowDefinition?> GetLatestPublishedAsync(string id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_latest.TryGetValue(id, out var known) && now - known.CheckedAt < LatestCacheFor)
        {
            return known.Version is { } cached ? await GetAsync(id, cached, cancellationToken) : null;
        }

        var record = await store.GetLatestPublishedAsync(id, cancellationToken);
        var current = record is { Status: DefinitionStatuses.Published } ? record.Version : (int?)null;
        _latest[id] = (current, now);
        return current is { } version ? await GetAsync(id, version, cancellationToken) : null;
    }

    /// <summary>
    /// A version's title in Chinese and English as its source gives them (the store keeps only the Chinese, for its
    /// lists): a published or retired version's from the cached parse, a draft's read now; the stored Chinese title
    /// alone for a draft whose source no longer reads.
    /// </summary>
    public async Task<LocalizedText> TitleAsync(DefinitionRecord record, CancellationToken cancellationToken)
    {
        if (record.Status is DefinitionStatuses.Published or DefinitionStatuses.Retired)
        {
            return (await GetAsync(record.Id, record.Version, cancellationToken)).Title;
        }

        var full = record.Source.Length > 0 ? record : await store.GetAsync(record.Id, record.Version, cancellationToken);
        return full is not null && Loader.Load(full.Source, $"{record.Id}@v{record.Version}").Definition is { } draft
            ? draft.Title
            : new LocalizedText(record.Title);
    }

    /// <summary>The catalogue: the latest published version of every service that has one, in the store's order.</summary>
    public async Task<IReadOnlyList<WorkflowDefinition>> ListLatestPublishedAsync(CancellationToken cancellationToken)
    {
        var services = new List<WorkflowDefinition>();
        foreach (var id in (await store.ListAsync(cancellationToken)).Where(r => r.Status == DefinitionStatuses.Published).Select(r => r.Id).Distinct())
        {
            if (await GetLatestPublishedAsync(id, cancellationToken) is { } definition)
            {
                services.Add(definition);
            }
        }

        return services;
    }

    /// <summary>Validates the source and stores it as the id's draft; the errors come back either way.</summary>
    public async Task<DraftResult> SaveDraftAsync(string source, string fileName, string? actor, CancellationToken cancellationToken)
    {
        var result = Loader.Load(source, fileName);
        if (result.Id is not { } id || result.Definition is null || result.Errors.Any(e => e.Path == "id"))
        {
            // Without a usable id there is nothing to file the draft under (the id is part of every URL).
            return new DraftResult(null, result.Errors);
        }

        var draft = await store.SaveDraftAsync(new DefinitionRecord
        {
            Id = id,
            Version = 0,
            Status = DefinitionStatuses.Draft,
            Title = result.Definition.Title.Zh,
            Source = source,
            Sha256 = Hash(source),
            ErrorsJson = JsonSerializer.Serialize(result.Errors, StoredJson.Options),
            CreatedAt = time.GetUtcNow(),
            CreatedBy = actor,
        }, cancellationToken);
        return new DraftResult(draft, result.Errors);
    }

    /// <summary>Publishes a draft after validating it again (departments or calendars may have changed since it was saved).</summary>
    public async Task<PublishResult> PublishAsync(string id, int? version, string? actor, CancellationToken cancellationToken)
    {
        var versions = (await store.ListAsync(cancellationToken)).Where(r => r.Id == id).ToArray();
        if (versions.Length == 0)
        {
            return new PublishResult(null, [], $"没有标识为“{id}”的定义", PublishProblem.NotFound);
        }

        var target = version is { } v
            ? versions.FirstOrDefault(r => r.Version == v)
            : versions.Where(r => r.Status == DefinitionStatuses.Draft).MaxBy(r => r.Version);
        if (target is null)
        {
            return new PublishResult(null, [], version is null ? $"“{id}”没有待发布的草稿" : $"“{id}”没有第 {version} 版", PublishProblem.NotFound);
        }

        if (target.Status is DefinitionStatuses.Published or DefinitionStatuses.Retired)
        {
            return new PublishResult(null, [], $"“{id}”第 {target.Version} 版已发布，已发布的版本不可更改", PublishProblem.AlreadyPublished);
        }

        var full = await store.GetAsync(id, target.Version, cancellationToken) ?? target;
        var result = Loader.Load(full.Source, $"{id}@v{target.Version}");
        if (!result.IsValid)
        {
            return new PublishResult(null, result.Errors, "定义未通过校验，不能发布", PublishProblem.Invalid);
        }

        var now = time.GetUtcNow();
        if (!await store.PublishAsync(id, target.Version, now, actor, cancellationToken))
        {
            return new PublishResult(null, [], $"“{id}”第 {target.Version} 版已被他人发布或修改", PublishProblem.AlreadyPublished);
        }

        _latest.TryRemove(id, out _);
        logger.LogInformation("Published definition {Id} v{Version}", id, target.Version);
        return new PublishResult(full with { Status = DefinitionStatuses.Published, PublishedAt = now, PublishedBy = actor }, [], null);
    }

    /// <summary>
    /// Retires a published version: new applications no longer start on it (see <see cref="GetLatestPublishedAsync"/>)
    /// and an incident can no longer be moved onto it, while the applications already running on it finish on it.
    /// </summary>
    public async Task<VersionChange> RetireAsync(string id, int version, string? actor, CancellationToken cancellationToken)
    {
        var record = await store.GetAsync(id, version, cancellationToken);
        if (record is null)
        {
            return VersionChange.NotFound($"“{id}”没有第 {version} 版");
        }

        var now = time.GetUtcNow();
        if (record.Status != DefinitionStatuses.Published || !await store.RetireAsync(id, version, now, actor, cancellationToken))
        {
            return VersionChange.Refused(record.Status == DefinitionStatuses.Retired
                ? $"“{id}”第 {version} 版已经停用"
                : $"“{id}”第 {version} 版是草稿，只有已发布的版本可以停用（草稿可以丢弃）");
        }

        _latest.TryRemove(id, out _);
        logger.LogInformation("Retired definition {Id} v{Version} by {Actor}", id, version, actor);
        return VersionChange.Done(record with { Status = DefinitionStatuses.Retired, Source = "", RetiredAt = now, RetiredBy = actor });
    }

    /// <summary>Deletes a draft; a published or retired version is never deleted, since applications may refer to it.</summary>
    public async Task<VersionChange> DiscardDraftAsync(string id, int version, string? actor, CancellationToken cancellationToken)
    {
        var record = await store.GetAsync(id, version, cancellationToken);
        if (record is null)
        {
            return VersionChange.NotFound($"“{id}”没有第 {version} 版");
        }

        if (record.Status != DefinitionStatuses.Draft || !await store.DiscardDraftAsync(id, version, time.GetUtcNow(), actor, cancellationToken))
        {
            return VersionChange.Refused($"“{id}”第 {version} 版不是草稿：已发布的版本不可丢弃，只能停用");
        }

        logger.LogInformation("Discarded draft {Id} v{Version} by {Actor}", id, version, actor);
        return VersionChange.Done(record with { Source = "" });
    }

    /// <summary>
    /// Publishes each file under <c>Definitions/services</c> whose content was never stored before, so a changed file
    /// becomes a new version at the next start, while versions published through the API since are left alone.
    /// A file is skipped (and logged) when it is broken, or when an administrator has an open draft of the same id.
    /// </summary>
    public async Task<IReadOnlyList<DefinitionError>> SeedAsync(string definitionsRoot, CancellationToken cancellationToken)
    {
        var problems = new List<DefinitionError>();
        foreach (var file in ReferenceData.ServiceFiles(definitionsRoot))
        {
            var source = await File.ReadAllTextAsync(file, cancellationToken);
            var name = Path.GetRelativePath(definitionsRoot, file);
            var check = Loader.Load(source, name);
            if (!check.IsValid)
            {
                foreach (var error in check.Errors)
                {
                    logger.LogError("Definition file not loaded: {Error}", error.ToString());
                }

                problems.AddRange(check.Errors);
                continue;
            }

            var versions = (await store.ListAsync(cancellationToken)).Where(r => r.Id == check.Id).ToArray();
            var hash = Hash(source);
            if (versions.Any(v => v.Sha256 == hash))
            {
                continue;
            }

            if (versions.FirstOrDefault(v => v.Status == DefinitionStatuses.Draft) is { } open)
            {
                logger.LogWarning(
                    "Definition file {File} changed, but {Id} has an open draft (v{Version} by {By}); publish or replace the draft first",
                    name, open.Id, open.Version, open.CreatedBy);
                continue;
            }

            var draft = await SaveDraftAsync(source, name, "system", cancellationToken);
            var published = await PublishAsync(draft.Draft!.Id, draft.Draft.Version, "system", cancellationToken);
            if (!published.Succeeded)
            {
                logger.LogError("Definition {File} not published: {Problem}", name, published.Problem);
            }
        }

        return problems;
    }

    public static string Hash(string source) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source)));
}
