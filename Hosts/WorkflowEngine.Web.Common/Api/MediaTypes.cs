namespace WorkflowEngine.Hosting.Api;

/// <summary>The media types the API reads.</summary>
public static class MediaTypes
{
    public const string Json = "application/json";
    public const string Multipart = "multipart/form-data";

    public const string Form = "application/x-www-form-urlencoded";

    /// <summary>Definitions are YAML or JSON text; text/plain is what many editors and tools send for either.</summary>
    public static readonly string[] DefinitionText = ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain", Json];

    /// <summary>The content types an endpoint that reads <paramref name="rule"/> accepts (and the API reference lists).</summary>
    public static string[] Accepted(BodyRule rule) => rule switch
    {
        BodyRule.Json or BodyRule.TaskDecision => [Json],
        BodyRule.JsonOrMultipart => [Json, Multipart],
        BodyRule.Multipart => [Multipart],
        BodyRule.DefinitionForm or BodyRule.Form => [Form],
        _ => DefinitionText,
    };
}
