using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Activities;
using WorkflowEngine.Core.Conditions;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Definitions.Files;
using WorkflowEngine.Definitions.Validation;
using WorkflowEngine.Definitions.Yaml;

namespace WorkflowEngine.Definitions;

/// <summary>
/// Turns a parsed definition document into the model. It reads as far as it can past each problem, so that one pass
/// reports every error; the <see cref="DefinitionValidator"/> then checks the meaning.
/// </summary>
public sealed partial class DefinitionReader(ActivityRegistry registry, DocumentReader reader)
{
    // Read on their own, so that a mistake inside one is reported there and costs nothing else of the header.
    private static readonly string[] SectionKeys = ["form", "materials", "flow", "supplements", "deferrals", "guide"];

    // Phone numbers without a dash (12345, 13800000000) are numbers to YAML; the guide reads them as the text they are.
    private static readonly string[] GuidePhoneKeys = ["consultationPhone", "complaintPhone"];
    private static readonly HashSet<string> CommonNodeKeys = new(StringComparer.Ordinal) { "id", "activity", "title", "when", "steps", "yellowShare", "statutoryLimit", "escalation", "extension", "legalBasis" };

    public WorkflowDefinition? Read(JsonNode? root)
    {
        if (root is not JsonObject document)
        {
            reader.Error("", "定义文件应为一个对象（以 id、title、flow 等键开头）", "The definition file is an object (starting with keys such as id, title and flow)");
            return null;
        }

        var headerNode = new JsonObject();
        foreach (var (key, value) in document)
        {
            if (!SectionKeys.Contains(key))
            {
                headerNode[key] = value?.DeepClone();
            }
        }

        var header = reader.Bind<DefinitionHeader>(headerNode, "") ?? new DefinitionHeader();
        var supplements = document.TryGetPropertyValue("supplements", out var supplementsNode) && supplementsNode is not null
            ? reader.Bind<SupplementRules>(supplementsNode, "supplements")
            : null;
        var deferrals = document.TryGetPropertyValue("deferrals", out var deferralsNode) && deferralsNode is not null
            ? reader.Bind<DeferralRules>(deferralsNode, "deferrals")
            : null;
        var guide = document.TryGetPropertyValue("guide", out var guideNode) && guideNode is not null
            ? ReadGuide(guideNode)
            : null;
        var form = ReadList(document, "form", ReadField);
        var materials = ReadList(document, "materials", ReadMaterial);
        StepNode? flow = null;
        if (!document.TryGetPropertyValue("flow", out var flowNode) || flowNode is null)
        {
            reader.Error("flow", "缺少办理流程 flow", "The flow is missing");
        }
        else if (flowNode is JsonArray)
        {
            // A list is shorthand for a sequence.
            flow = ReadSequenceShorthand(flowNode.AsArray(), "flow");
        }
        else
        {
            flow = ReadNode(flowNode, "flow");
        }

        if (header.Id is null)
        {
            reader.Error("id", "缺少定义标识 id", "The definition id is missing");
        }

        if (header.Title is null)
        {
            reader.Error("title", "缺少事项名称 title", "The service's name title is missing");
        }

        if (flow is null)
        {
            return null;
        }

        flow.LinkChildren();
        return new WorkflowDefinition
        {
            Id = header.Id ?? "",
            Title = header.Title ?? new LocalizedText(""),
            Category = header.Category ?? "",
            Description = header.Description,
            CalendarId = header.Calendar ?? "cn-mainland",
            Limits = header.TimeLimits ?? new BundleTimeLimits(),
            Supplements = supplements ?? new SupplementRules(),
            Deferrals = deferrals ?? new DeferralRules(),
            Form = form,
            Materials = materials,
            Guide = guide,
            Flow = flow,
        };
    }

    private List<T> ReadList<T>(JsonObject document, string key, Func<JsonNode?, string, T?> readItem)
        where T : class
    {
        var items = new List<T>();
        if (!document.TryGetPropertyValue(key, out var node) || node is null)
        {
            return items;
        }

        if (node is not JsonArray array)
        {
            reader.Error(key, $"{key} 应为列表", $"{key} is a list");
            return items;
        }

        for (var i = 0; i < array.Count; i++)
        {
            if (readItem(array[i], SourceMap.Item(key, i)) is { } item)
            {
                items.Add(item);
            }
        }

        return items;
    }

    private FormField? ReadField(JsonNode? node, string path)
    {
        var file = reader.Bind<FormFieldFile>(node, path);
        if (file is null)
        {
            if (node is null)
            {
                reader.Error(path, "表单字段为空", "The form field is empty");
            }

            return null;
        }

        FieldType type = default;
        if (file.Type is null)
        {
            reader.Error(SourceMap.Child(path, "type"), $"缺少字段类型 type（可用：{string.Join(", ", FieldTypeNames.All)}）", $"The field type is missing (known: {string.Join(", ", FieldTypeNames.All)})");
        }
        else if (!FieldTypeNames.TryParse(file.Type, out type))
        {
            reader.Error(SourceMap.Child(path, "type"), $"未知字段类型“{file.Type}”（可用：{string.Join(", ", FieldTypeNames.All)}）", $"Unknown field type \"{MessageText.Quote(file.Type ?? "")}\" (known: {string.Join(", ", FieldTypeNames.All)})");
        }

        var options = new List<ChoiceOption>();
        for (var i = 0; i < (file.Options?.Count ?? 0); i++)
        {
            var optionPath = SourceMap.Item(SourceMap.Child(path, "options"), i);
            switch (file.Options![i])
            {
                case JsonValue value when value.GetValueKind() != System.Text.Json.JsonValueKind.Object:
                    var text = value.ToString();
                    options.Add(new ChoiceOption(text, new LocalizedText(text)));
                    break;
                case JsonObject obj when reader.Bind<ChoiceOptionFile>(obj, optionPath) is { Value: { } v } option:
                    options.Add(new ChoiceOption(v, option.Label ?? new LocalizedText(v)));
                    break;
                default:
                    reader.Error(optionPath, "选项应为取值文本，或含 value、label 的对象", "An option is its value as text, or an object with value and label");
                    break;
            }
        }

        return new FormField
        {
            Key = file.Key ?? "",
            Label = file.Label ?? new LocalizedText(file.Key ?? ""),
            Type = type,
            Required = file.Required,
            Help = file.Help,
            MinLength = file.MinLength,
            MaxLength = file.MaxLength,
            Pattern = file.Pattern,
            Min = file.Min,
            Max = file.Max,
            MinDate = file.MinDate,
            MaxDate = file.MaxDate,
            Options = options,
            Multiple = file.Multiple,
        };
    }

    private MaterialSpec? ReadMaterial(JsonNode? node, string path)
    {
        var file = reader.Bind<MaterialFile>(node, path);
        if (file is null)
        {
            return null;
        }

        return new MaterialSpec
        {
            Key = file.Key ?? "",
            Name = file.Name ?? new LocalizedText(file.Key ?? ""),
            Description = file.Description,
            Required = file.Required,
            Deferrable = file.Deferrable,
            UsedBy = file.UsedBy ?? [],
            Formats = (file.Formats ?? []).Select(f => f.TrimStart('.').ToLowerInvariant()).ToArray(),
            MaxSizeMb = file.MaxSizeMb,
        };
    }

    private ServiceGuide? ReadGuide(JsonNode node)
    {
        if (node is JsonObject obj)
        {
            node = obj.DeepClone();
            foreach (var key in GuidePhoneKeys)
            {
                if (node[key] is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.Number)
                {
                    node[key] = value.ToJsonString();
                }
            }
        }

        return reader.Bind<ServiceGuide>(node, "guide");
    }

    private StepNode ReadSequenceShorthand(JsonArray steps, string path) => new()
    {
        Id = path,
        HasExplicitId = false,
        ActivityKey = "sequence",
        Path = path,
        Children = ReadChildren(steps, path),
    };

    private StepNode? ReadNode(JsonNode? node, string path)
    {
        if (node is not JsonObject obj)
        {
            reader.Error(path, "步骤应为对象，至少写明 activity", "A step is an object with at least its activity");
            return null;
        }

        var key = reader.String(obj, "activity", path);
        IActivity? activity = null;
        if (key is null)
        {
            reader.Error(SourceMap.Child(path, "activity"), $"缺少活动类型 activity（可用：{string.Join(", ", registry.Keys)}）", $"The activity is missing (known: {string.Join(", ", registry.Keys)})");
        }
        else if (!registry.TryGet(key, out activity))
        {
            reader.Error(SourceMap.Child(path, "activity"), $"未知活动类型“{key}”（可用：{string.Join(", ", registry.Keys)}）", $"Unknown activity \"{MessageText.Quote(key)}\" (known: {string.Join(", ", registry.Keys)})");
        }

        var id = reader.String(obj, "id", path);
        if (id is { Length: > DefinitionValidator.MaxIdentifierLength })
        {
            reader.Error(SourceMap.Child(path, "id"), $"步骤标识“{MessageText.Quote(id)}”超过 {DefinitionValidator.MaxIdentifierLength} 个字符", $"The step id \"{MessageText.Quote(id)}\" is longer than {DefinitionValidator.MaxIdentifierLength} characters");
        }
        else if (id is not null && !IdPattern().IsMatch(id))
        {
            reader.Error(SourceMap.Child(path, "id"), $"步骤标识“{MessageText.Quote(id)}”只能用字母、数字、- 和 _，且以字母或数字开头", $"The step id \"{MessageText.Quote(id)}\" may use only letters, digits, - and _, and starts with a letter or digit");
        }

        LocalizedText? title = obj.TryGetPropertyValue("title", out var titleNode)
            ? reader.Bind<LocalizedText>(titleNode, SourceMap.Child(path, "title"))
            : null;

        Condition? when = null;
        if (reader.String(obj, "when", path) is { } whenText)
        {
            if (Condition.TryParse(whenText, out var parsed, out var error))
            {
                when = parsed;
            }
            else
            {
                reader.Error(SourceMap.Child(path, "when"), $"条件“{MessageText.Quote(whenText, 100)}”无法解析：{error}", $"The condition \"{MessageText.Quote(whenText, 100)}\" cannot be read");
            }
        }

        double? yellowShare = null;
        if (obj.TryGetPropertyValue("yellowShare", out var shareNode) && shareNode is not null)
        {
            yellowShare = reader.Bind(shareNode, typeof(double), SourceMap.Child(path, "yellowShare")) as double?;
        }

        WorkingTimeLimit? statutoryLimit = null;
        if (obj.TryGetPropertyValue("statutoryLimit", out var statutoryNode) && statutoryNode is not null)
        {
            statutoryLimit = reader.Bind<WorkingTimeLimit>(statutoryNode, SourceMap.Child(path, "statutoryLimit"));
        }

        ExtensionRules? extension = null;
        if (obj.TryGetPropertyValue("extension", out var extensionNode) && extensionNode is not null)
        {
            extension = reader.Bind<ExtensionRules>(extensionNode, SourceMap.Child(path, "extension"));
        }

        IReadOnlyList<EscalationRule>? escalation = null;
        if (obj.TryGetPropertyValue("escalation", out var escalationNode) && escalationNode is not null and not JsonArray)
        {
            reader.Error(SourceMap.Child(path, "escalation"), "escalation 应为升级规则列表，如 [ { card: red, priority: urgent, supervise: true } ]", "escalation is a list of rules, such as [ { card: red, priority: urgent, supervise: true } ]");
        }
        else if (escalationNode is not null)
        {
            escalation = reader.Bind<EscalationRule[]>(escalationNode, SourceMap.Child(path, "escalation"));
        }

        IReadOnlyList<LocalizedText>? legalBasis = null;
        if (obj.TryGetPropertyValue("legalBasis", out var basisNode) && basisNode is not null)
        {
            legalBasis = reader.Bind<LocalizedText[]>(basisNode, SourceMap.Child(path, "legalBasis"));
        }

        IReadOnlyList<StepNode> children = [];
        if (obj.TryGetPropertyValue("steps", out var stepsNode) && stepsNode is not null)
        {
            if (stepsNode is not JsonArray steps)
            {
                reader.Error(SourceMap.Child(path, "steps"), "steps 应为步骤列表", "steps is a list of steps");
            }
            else if (activity is { Descriptor.HasChildren: false })
            {
                reader.Error(SourceMap.Child(path, "steps"), $"“{key}”类型的步骤不能包含子步骤 steps", $"A step of type \"{key}\" cannot contain steps");
            }
            else
            {
                children = ReadChildren(steps, SourceMap.Child(path, "steps"));
            }
        }

        object? settings = null;
        if (activity is not null)
        {
            var settingsNode = new JsonObject();
            foreach (var (name, value) in obj)
            {
                if (!CommonNodeKeys.Contains(name))
                {
                    settingsNode[name] = value?.DeepClone();
                }
            }

            // Null after a type error: the settings validator is then skipped rather than adding guesses.
            settings = reader.Bind(settingsNode, activity.Descriptor.SettingsType, path);
        }

        return new StepNode
        {
            Id = id ?? path,
            HasExplicitId = id is not null,
            ActivityKey = key ?? "",
            Title = title,
            When = when,
            YellowShare = yellowShare,
            StatutoryLimit = statutoryLimit,
            Escalation = escalation,
            Extension = extension,
            LegalBasis = legalBasis,
            Settings = settings,
            Children = children,
            Path = path,
        };
    }

    private List<StepNode> ReadChildren(JsonArray steps, string listPath)
    {
        var children = new List<StepNode>();
        for (var i = 0; i < steps.Count; i++)
        {
            if (ReadNode(steps[i], SourceMap.Item(listPath, i)) is { } child)
            {
                children.Add(child);
            }
        }

        return children;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]*$")]
    private static partial Regex IdPattern();
}
