using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkflowEngine.Hosting.Configuration;
using WorkflowEngine.Runtime;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// The OpenAPI document is what a department's developers and a client generator read instead of our code: it must say
/// which sign-in each operation needs (and the host must agree), what body it reads and what it answers.
/// </summary>
[Trait("Category", "Integration")]
public sealed class OpenApiDocumentTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    [Fact]
    public async Task EveryOperation_SaysWhetherItNeedsASignIn_AndTheHostAgrees()
    {
        var document = await DocumentAsync();
        using var anonymous = fixture.Host.Client();
        var wrong = new List<string>();
        var secured = 0;

        foreach (var (path, method, operation) in Operations(document))
        {
            var needsSignIn = operation.TryGetProperty("security", out var security) && security.GetArrayLength() > 0;
            secured += needsSignIn ? 1 : 0;
            using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), Concrete(path, operation));
            if (method is "post" or "put" or "patch")
            {
                request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            }

            using var response = await anonymous.SendAsync(request);
            var refused = response.StatusCode is HttpStatusCode.Unauthorized;
            if (needsSignIn != refused)
            {
                wrong.Add($"{method.ToUpperInvariant()} {path}: the document says {(needsSignIn ? "sign-in needed" : "open")}, anonymous got {(int)response.StatusCode}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
        Assert.True(secured > 30, $"only {secured} operations need a sign-in");
    }

    [Fact]
    public async Task EveryOperation_DocumentsWhatItAnswers_AndTheBodyItReads()
    {
        var document = await DocumentAsync();
        var wrong = new List<string>();

        foreach (var (path, method, operation) in Operations(document))
        {
            var name = $"{method.ToUpperInvariant()} {path}";
            var responses = operation.GetProperty("responses").EnumerateObject().ToArray();
            var success = responses.Where(r => r.Name.StartsWith('2')).ToArray();
            if (success.Length == 0)
            {
                wrong.Add($"{name}: no success answer");
            }
            else if (!success.Any(r => r.Name == "204" || HasSchema(r.Value)))
            {
                wrong.Add($"{name}: its success answer has no schema");
            }

            // An operation that reads a body can refuse its content type (415); a reader must then be told the body.
            var readsBody = responses.Any(r => r.Name == "415");
            if (readsBody && !(operation.TryGetProperty("requestBody", out var body) && HasSchema(body)))
            {
                wrong.Add($"{name}: reads a body the document does not describe");
            }

            if (operation.TryGetProperty("security", out _) && !responses.Any(r => r.Name == "401"))
            {
                wrong.Add($"{name}: needs a sign-in but does not say it answers 401");
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public async Task BodiesReadByHand_AreDescribedFieldByField()
    {
        var document = await DocumentAsync();

        Assert.Equal(["password", "userName"], BodyFields(document, "/api/auth/token", "post"));
        Assert.Equal(["reason", "workingDays", "workingHours"], BodyFields(document, "/api/tasks/{id}/extensions", "post"));
        Assert.Equal(["form", "language", "serviceId"], BodyFields(document, "/api/applications", "post"));
        var definitionBody = Operation(document, "/api/definitions/validate", "post").GetProperty("requestBody").GetProperty("content");
        Assert.True(definitionBody.TryGetProperty("application/yaml", out _), "a definition is sent as YAML");
        var answer = Operation(document, "/api/applications/{id}", "get").GetProperty("responses").GetProperty("200");
        Assert.True(HasSchema(answer), "an application's answer has a schema");
    }

    [Fact]
    public async Task EachBodysSizeBound_IsTheOneTheHostHoldsItTo()
    {
        var document = await DocumentAsync();
        var limits = fixture.Host.Services.GetRequiredService<IOptions<RequestLimits>>().Value;
        var engine = fixture.Host.Services.GetRequiredService<IOptions<EngineOptions>>().Value;

        string TooLarge(string path, string method) =>
            Operation(document, path, method).GetProperty("responses").GetProperty("413").GetProperty("description").GetString()!;

        Assert.Contains($"at most {limits.JsonBodyBytes} bytes (application/json)", TooLarge("/api/auth/token", "post"), StringComparison.Ordinal);
        Assert.Contains($"at most {limits.TaskDecisionBytes} bytes (application/json)", TooLarge("/api/tasks/{id}/extensions", "post"), StringComparison.Ordinal);
        Assert.Contains($"at most {limits.DefinitionBytes} bytes (", TooLarge("/api/definitions/validate", "post"), StringComparison.Ordinal);
        var submit = TooLarge("/api/applications", "post");
        Assert.Contains($"at most {limits.JsonBodyBytes} bytes (application/json)", submit, StringComparison.Ordinal);
        Assert.Contains($"at most {limits.UploadBytesFor(engine.MaxMaterialBytes)} bytes (multipart/form-data)", submit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTaskAnswer_DescribesItsHistory_EntryByEntry()
    {
        var document = await DocumentAsync();

        var answer = Resolve(document, Operation(document, "/api/tasks/{id}", "get")
            .GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        var history = Resolve(document, answer.GetProperty("properties").GetProperty("history"));
        var entry = Resolve(document, history.GetProperty("items"));

        Assert.Contains("array", history.GetProperty("type").ToString(), StringComparison.Ordinal);
        Assert.Equal(["actor", "actorName", "at", "detail", "detailName", "kind", "reason"], entry.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RequestsForMoreTimeAndFurtherSupplements_NameWhoAskedAndWhoAnswered_BesideTheirLoginIds()
    {
        var document = await DocumentAsync();
        var schemas = document.GetProperty("components").GetProperty("schemas");

        foreach (var schema in new[] { "ExtensionDto", "SupplementApprovalDto" })
        {
            var fields = schemas.GetProperty(schema).GetProperty("properties").EnumerateObject().Select(p => p.Name).ToArray();
            Assert.Superset(new HashSet<string>(["requestedBy", "requestedByName", "decidedBy", "decidedByName"]), fields.ToHashSet());
        }
    }

    /// <summary>The schema itself, where <paramref name="schema"/> refers to one among the document's components.</summary>
    private static JsonElement Resolve(JsonElement document, JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference)
            ? document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1])
            : schema;

    [Fact]
    public async Task ACertificate_SaysWhetherWhenAndWhyItWasRevoked()
    {
        var document = await DocumentAsync();
        var certificate = document.GetProperty("components").GetProperty("schemas").GetProperty("CertificateDto").GetProperty("properties");

        foreach (var field in new[] { "revoked", "revokedAt", "revokedReason" })
        {
            Assert.True(certificate.TryGetProperty(field, out _), $"the certificate's schema has no {field}");
        }
    }

    private async Task<JsonElement> DocumentAsync()
    {
        using var client = fixture.Host.Client();
        return await ProblemAssert.JsonAsync(await client.GetAsync("/openapi/v1.json"), HttpStatusCode.OK);
    }

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement document) =>
        from path in document.GetProperty("paths").EnumerateObject()
        from method in Methods
        where path.Value.TryGetProperty(method, out _)
        select (path.Name, method, path.Value.GetProperty(method));

    private static JsonElement Operation(JsonElement document, string path, string method) =>
        document.GetProperty("paths").GetProperty(path).GetProperty(method);

    /// <summary>The path with a value of the right type in each parameter: a well-formed request that only lacks a sign-in.</summary>
    private static string Concrete(string path, JsonElement operation)
    {
        var parameters = operation.TryGetProperty("parameters", out var list) ? list.EnumerateArray().ToArray() : [];
        foreach (var parameter in parameters.Where(p => p.GetProperty("in").GetString() == "path"))
        {
            var schema = parameter.GetProperty("schema");
            var value = schema.TryGetProperty("format", out var format) && format.GetString() == "uuid" ? Guid.NewGuid().ToString()
                : schema.TryGetProperty("type", out var type) && type.ToString().Contains("integer", StringComparison.Ordinal) ? "2026"
                : "SAMR";
            path = path.Replace("{" + parameter.GetProperty("name").GetString() + "}", value, StringComparison.Ordinal);
        }

        return path;
    }

    private static bool HasSchema(JsonElement responseOrBody) =>
        responseOrBody.TryGetProperty("content", out var content)
        && content.EnumerateObject().Any()
        && content.EnumerateObject().All(c => c.Value.TryGetProperty("schema", out _));

    private static string[] BodyFields(JsonElement document, string path, string method)
    {
        var schema = Operation(document, path, method).GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            schema = document.GetProperty("components").GetProperty("schemas").GetProperty(name);
        }

        return schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
    }
}
