using System.Text.Json;

namespace WorkflowEngine.Hosting.Api;

/// <summary>How the API spells an enum member: <c>SupplementRequested</c> → <c>supplement-requested</c>.</summary>
public static class ApiNames
{
    public static string Of<T>(T value) where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
