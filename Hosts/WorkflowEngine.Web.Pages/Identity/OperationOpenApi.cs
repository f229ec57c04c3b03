using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Configuration;
using WorkflowEngine.Runtime;

namespace WorkflowEngine.Hosting.Identity;

/// <summary>
/// Tells a reader of the OpenAPI document what each operation needs and how it can fail: which sign-in it requires
/// (from the endpoint's own authorization, so the document cannot drift from what the host enforces), the role
/// policy in words, the problem answers every such operation can give, the body a document-reading endpoint takes, and
/// the size bound the host holds each body to (<see cref="RequestBodyGuard.MaxBytes(BodyRule?, string?, RequestLimits, EngineOptions)"/>).
/// </summary>
public sealed class OperationOpenApi(IOptions<RequestLimits> limits, IOptions<EngineOptions> engine) : IOpenApiOperationTransformer
{
    private const string ProblemJson = "application/problem+json";

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        var authorize = metadata.OfType<IAuthorizeData>().ToArray();
        if (!anonymous && authorize.Length > 0)
        {
            operation.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", context.Document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("session", context.Document)] = [] },
            ];
            var policies = authorize.Select(a => a.Policy).OfType<string>().Distinct().ToArray();
            AddProblem(operation, 401, "Not signed in");
            AddProblem(operation, 403, policies.Length == 0
                ? "Signed in, but not allowed this resource"
                : $"Signed in without the role this needs (policy: {string.Join(", ", policies)}), or not allowed this resource");
        }

        if (metadata.OfType<BodyRule>().LastOrDefault() is var rule && metadata.OfType<BodyRule>().Any())
        {
            AddProblem(operation, 400, "The body or a parameter is malformed or breaks a rule; `errors` names each field");
            AddProblem(operation, 413, $"The body is larger than the host accepts: {Bounds(rule)}");
            AddProblem(operation, 415, "The body's content type is not one this operation reads");
            if (operation.RequestBody is null && metadata.OfType<BodyShape>().LastOrDefault() is { } shape)
            {
                var schema = await context.GetOrCreateSchemaAsync(shape.Type, null, cancellationToken);
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = MediaTypes.Accepted(rule).ToDictionary(type => type, _ => new OpenApiMediaType { Schema = schema }),
                };
            }

            operation.RequestBody ??= rule switch
            {
                BodyRule.DefinitionText => DocumentBody(),
                BodyRule.Multipart => MaterialsBody(),
                _ => null,
            };
        }
    }

    /// <summary>The size bound of each content type the operation reads, in words: "at most 262144 bytes (application/json)".</summary>
    private string Bounds(BodyRule rule) => string.Join("; ", MediaTypes.Accepted(rule)
        .GroupBy(type => RequestBodyGuard.MaxBytes(rule, type, limits.Value, engine.Value))
        .Select(bound => $"at most {bound.Key.ToString(CultureInfo.InvariantCulture)} bytes ({string.Join(", ", bound)})"));

    /// <summary>A definition or a year's holiday arrangement, sent as the text of the document itself.</summary>
    private static OpenApiRequestBody DocumentBody() => new()
    {
        Required = true,
        Description = "The document as text: YAML or JSON, UTF-8 (docs/definitions.md)",
        Content = MediaTypes.DefinitionText.ToDictionary(
            type => type,
            _ => new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } }),
    };

    /// <summary>Materials as files, one part each, named by the material's key in the service's notice.</summary>
    private static OpenApiRequestBody MaterialsBody() => new()
    {
        Required = true,
        Description = "One file part per material, the part's name the material's key (GET /api/services/{id})",
        Content = new Dictionary<string, OpenApiMediaType>
        {
            [MediaTypes.Multipart] = new()
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
                },
            },
        },
    };

    private static void AddProblem(OpenApiOperation operation, int status, string description)
    {
        operation.Responses ??= new OpenApiResponses();
        var key = status.ToString(CultureInfo.InvariantCulture);
        if (!operation.Responses.ContainsKey(key))
        {
            operation.Responses[key] = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType> { [ProblemJson] = new() },
            };
        }
    }
}
