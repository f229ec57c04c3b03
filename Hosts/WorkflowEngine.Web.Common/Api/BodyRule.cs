namespace WorkflowEngine.Hosting.Api;

/// <summary>What an endpoint reads as its body; <see cref="RequestBodyGuard"/> checks the type and bounds the size.</summary>
public enum BodyRule
{
    /// <summary><c>application/json</c>, up to <c>Limits:JsonBodyBytes</c>.</summary>
    Json,

    /// <summary><c>application/json</c>, up to <c>Limits:TaskDecisionBytes</c>.</summary>
    TaskDecision,

    /// <summary><c>application/json</c>, or <c>multipart/form-data</c> up to the upload bound.</summary>
    JsonOrMultipart,

    /// <summary><c>multipart/form-data</c>, up to the upload bound.</summary>
    Multipart,

    /// <summary>YAML or JSON text, up to <c>Limits:DefinitionBytes</c>.</summary>
    DefinitionText,

    /// <summary>
    /// A page's form carrying a definition's text (<c>application/x-www-form-urlencoded</c>): up to three times
    /// <c>Limits:DefinitionBytes</c>, since percent-encoding triples every byte of Chinese text; the page then holds
    /// the text itself to <c>Limits:DefinitionBytes</c>, as the API does.
    /// </summary>
    DefinitionForm,

    /// <summary>A page's form without files (<c>application/x-www-form-urlencoded</c>), up to <c>Limits:JsonBodyBytes</c>.</summary>
    Form,
}
