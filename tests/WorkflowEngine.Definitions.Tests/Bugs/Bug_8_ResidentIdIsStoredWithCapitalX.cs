using System.Text.Json.Nodes;
using WorkflowEngine.Definitions.Forms;

namespace WorkflowEngine.Definitions.Tests.Bugs;

/// <summary>
/// A resident ID number ending in lower-case <c>x</c> was accepted and stored as typed, so the same person could appear
/// under two numbers. The normaliser writes <c>X</c>; the validator accepts only what the normaliser writes.
/// </summary>
public sealed class Bug_8_ResidentIdIsStoredWithCapitalX
{
    private static readonly Core.Model.WorkflowDefinition Definition = TestDefinitions.Definition("  - { key: id, label: 身份证号, type: cn-resident-id }");

    [Fact]
    public void Validate_LowerCaseX_IsRefused() =>
        Assert.Contains("大写", TestDefinitions.FormErrors(Definition, new JsonObject { ["id"] = "11010519491231002x" })["form.id"]);

    [Fact]
    public void Normalize_LowerCaseX_BecomesCapitalAndValidates()
    {
        var form = FormNormalizer.Normalize(Definition, new JsonObject { ["id"] = "11010519491231002x" });

        Assert.Equal("11010519491231002X", form["id"]!.GetValue<string>());
        Assert.Empty(TestDefinitions.FormErrors(Definition, form));
    }
}
