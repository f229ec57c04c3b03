using System.Text.Json.Nodes;

namespace WorkflowEngine.Definitions.Tests.Bugs;

/// <summary>
/// A text field without <c>maxLength</c>, and every email field, used to take 20 MB. Every field type now has a
/// maximum, and a definition cannot raise a text field's beyond a ceiling.
/// </summary>
public sealed class Bug_8_FieldsHaveDefaultMaximumLengths
{
    private const string Form = """
          - { key: note, label: 备注, type: text }
          - { key: mail, label: 邮箱, type: email }
        """;

    [Fact]
    public void Validate_TextWithoutMaxLength_StopsAt2000Characters()
    {
        var definition = TestDefinitions.Definition(Form);

        Assert.Empty(TestDefinitions.FormErrors(definition, new JsonObject { ["note"] = new string('字', 2000) }));
        Assert.Equal("备注：最多 2000 个字", TestDefinitions.FormErrors(definition, new JsonObject { ["note"] = new string('字', 2001) })["form.note"]);
    }

    [Fact]
    public void Validate_EmailLongerThan254Characters_IsRefused()
    {
        var definition = TestDefinitions.Definition(Form);
        var local = new string('a', 64);
        var fits = local + "@" + new string('b', 254 - 64 - 1 - 3) + ".cn";

        Assert.Empty(TestDefinitions.FormErrors(definition, new JsonObject { ["mail"] = fits }));
        Assert.Contains("254", TestDefinitions.FormErrors(definition, new JsonObject { ["mail"] = "b" + fits })["form.mail"]);
    }

    [Fact]
    public void Load_MaxLengthAboveTheCeiling_IsRefused()
    {
        var error = Assert.Single(TestDefinitions.Errors(TestDefinitions.Yaml("  - { key: note, label: 备注, type: text, maxLength: 20000000 }")));

        Assert.Equal("form[0].maxLength", error.Path);
        Assert.Contains("10000", error.Message);
    }
}
