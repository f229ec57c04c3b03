using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// A clerk's <c>outputs</c> (licence numbers and the like, copied onto certificates) took any number of entries of any
/// length with any characters. They are bounded now, and each refusal names the output.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_8_ClerkOutputsAreBounded(HostFixture fixture) : IClassFixture<HostFixture>
{
    public static TheoryData<string, string> Cases => new()
    {
        { "too many", "outputs" },
        { "long key", "outputs" },
        { "empty key", "outputs" },
        { "long value", "outputs.licenceNumber" },
        { "control character", "outputs.licenceNumber" },
        { "null value", "outputs.licenceNumber" },
    };

    private static JsonObject Outputs(string kind)
    {
        var outputs = new JsonObject();
        switch (kind)
        {
            case "too many":
                for (var i = 0; i < 51; i++)
                {
                    outputs["o" + i] = "x";
                }

                break;
            case "long key":
                outputs[new string('k', 65)] = "x";
                break;
            case "empty key":
                outputs[""] = "x";
                break;
            case "long value":
                outputs["licenceNumber"] = new string('9', 1001);
                break;
            case "control character":
                outputs["licenceNumber"] = "9135\u0007";
                break;
            default:
                outputs["licenceNumber"] = null;
                break;
        }

        return outputs;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Decision_WithUnboundedOutputs_Is400NamingTheOutput(string kind, string field)
    {
        using var admin = fixture.Host.Client("admin");

        using var response = await admin.PostAsJsonAsync($"/api/tasks/{Guid.NewGuid()}/complete", new JsonObject { ["outcome"] = "approved", ["outputs"] = Outputs(kind) });

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest);
        Assert.NotEmpty(ProblemAssert.FieldError(problem, field));
    }

    [Fact]
    public async Task Decision_WithReasonableOutputs_GetsPastTheChecks()
    {
        using var admin = fixture.Host.Client("admin");

        using var response = await admin.PostAsJsonAsync(
            $"/api/tasks/{Guid.NewGuid()}/complete",
            new JsonObject { ["outcome"] = "approved", ["outputs"] = new JsonObject { ["licenceNumber"] = "91350100M000100Y43", ["备注"] = "第一行\n第二行" } });

        // No such task: the body itself was accepted.
        await ProblemAssert.IsAsync(response, HttpStatusCode.NotFound);
    }
}
