using System.Collections.Frozen;

namespace WorkflowEngine.Core.Model;

/// <summary>The names of the field types as written in definition files.</summary>
public static class FieldTypeNames
{
    private static readonly FrozenDictionary<string, FieldType> ByName = new Dictionary<string, FieldType>
    {
        ["text"] = FieldType.Text,
        ["number"] = FieldType.Number,
        ["money"] = FieldType.Money,
        ["date"] = FieldType.Date,
        ["bool"] = FieldType.Bool,
        ["choice"] = FieldType.Choice,
        ["cn-resident-id"] = FieldType.CnResidentId,
        ["uscc"] = FieldType.Uscc,
        ["phone"] = FieldType.Phone,
        ["email"] = FieldType.Email,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static IEnumerable<string> All => ByName.Keys;

    public static bool TryParse(string? name, out FieldType type) => ByName.TryGetValue(name ?? "", out type);

    public static string NameOf(FieldType type) => ByName.First(p => p.Value == type).Key;
}
