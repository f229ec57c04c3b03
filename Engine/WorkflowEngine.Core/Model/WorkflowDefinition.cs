using System.Collections.Frozen;

namespace WorkflowEngine.Core.Model;

/// <summary>A bundled-service definition (一件事), one immutable version of it once published.</summary>
public sealed class WorkflowDefinition
{
    private FrozenDictionary<string, StepNode>? _nodes;
    private FrozenDictionary<string, FormField>? _fields;

    public required string Id { get; init; }

    public int Version { get; init; } = 1;

    public required LocalizedText Title { get; init; }

    public string Category { get; init; } = "";

    public LocalizedText? Description { get; init; }

    public string CalendarId { get; init; } = "cn-mainland";

    public BundleTimeLimits Limits { get; init; } = new();

    /// <summary>补正: when a department may ask for supplementary material, and how long the applicant has.</summary>
    public SupplementRules Supplements { get; init; } = new();

    /// <summary>容缺: when the applicant is reminded of a material accepted late, and what its due time passing does.</summary>
    public DeferralRules Deferrals { get; init; } = new();

    public IReadOnlyList<FormField> Form { get; init; } = [];

    public IReadOnlyList<MaterialSpec> Materials { get; init; } = [];

    /// <summary>办事指南: legal basis, eligibility, fees, place, phones, delivery and visits; null where the file has no <c>guide:</c>.</summary>
    public ServiceGuide? Guide { get; init; }

    public required StepNode Flow { get; init; }

    /// <summary>Nodes by id (the first of duplicates; validation refuses duplicates before a definition is used).</summary>
    public IReadOnlyDictionary<string, StepNode> Nodes =>
        _nodes ??= Flow.DescendantsAndSelf().DistinctBy(n => n.Id).ToFrozenDictionary(n => n.Id, StringComparer.Ordinal);

    public IReadOnlyDictionary<string, FormField> Fields =>
        _fields ??= Form.DistinctBy(f => f.Key).ToFrozenDictionary(f => f.Key, StringComparer.Ordinal);

    /// <summary>The same definition under another version number (the store numbers versions as they are saved).</summary>
    public WorkflowDefinition WithVersion(int version) => new()
    {
        Id = Id,
        Version = version,
        Title = Title,
        Category = Category,
        Description = Description,
        CalendarId = CalendarId,
        Limits = Limits,
        Supplements = Supplements,
        Deferrals = Deferrals,
        Form = Form,
        Materials = Materials,
        Guide = Guide,
        Flow = Flow,
    };

    public StepNode Node(string id) =>
        Nodes.TryGetValue(id, out var node) ? node : throw new KeyNotFoundException($"Definition '{Id}' v{Version} has no step '{id}'.");

    /// <summary>The material listed under <paramref name="key"/>, or null.</summary>
    public MaterialSpec? FindMaterial(string key) => Materials.FirstOrDefault(m => m.Key == key);

    /// <summary>A material's Chinese name as messages give it, or its key when the definition does not list it.</summary>
    public string MaterialName(string key) => FindMaterial(key)?.Name.Zh ?? key;

    /// <summary>A material's English name, its Chinese one where the definition gives no English, or its key.</summary>
    public string MaterialNameEn(string key) => FindMaterial(key)?.Name is { } name ? name.En ?? name.Zh : key;

    /// <summary>What a supplement request's item asks for, as messages name it: the material's Chinese name, or the form field's label (its key where the form has none).</summary>
    public string SupplementItemName(string? material, string? field) =>
        material is not null ? MaterialName(material)
        : field is not null && Fields.TryGetValue(field, out var f) ? $"申请表“{f.Label.Zh}”" : $"申请表“{field}”";

    /// <summary>The English of <see cref="SupplementItemName"/>.</summary>
    public string SupplementItemNameEn(string? material, string? field) =>
        material is not null ? MaterialNameEn(material)
        : field is not null && Fields.TryGetValue(field, out var f) ? $"the form's \"{f.Label.En ?? f.Label.Zh}\"" : $"the form's \"{field}\"";

    /// <summary>The steps and stages with a legal basis of their own (办事指南's 设定依据 per step), in the flow's order.</summary>
    public IEnumerable<StepNode> StepsWithLegalBasis() => Flow.DescendantsAndSelf().Where(n => n.LegalBasis is { Count: > 0 });

    public IEnumerable<MaterialSpec> MaterialsFor(string stepId) =>
        Materials.Where(m => m.UsedBy.Contains(stepId, StringComparer.Ordinal));
}
