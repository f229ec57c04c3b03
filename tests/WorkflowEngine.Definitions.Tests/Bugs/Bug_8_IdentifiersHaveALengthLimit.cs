namespace WorkflowEngine.Definitions.Tests.Bugs;

/// <summary>
/// Definition ids, step ids, field keys and material keys had no length limit, and they name queues, URLs, audit
/// lines and database keys. Each is now at most 64 characters.
/// </summary>
public sealed class Bug_8_IdentifiersHaveALengthLimit
{
    private static readonly string Long = "a" + new string('b', 64);

    private static readonly string Valid = """
        id: limits
        title: 长度
        timeLimits: { statutory: { workingDays: 10 }, promised: { workingDays: 5 } }
        form:
          - { key: field, label: 字段, type: bool }
        materials:
          - { key: material, name: 材料, usedBy: [step] }
        flow:
          - { id: step, activity: department-task, title: 甲, department: SAMR, limit: { workingDays: 1 } }
        """;

    [Fact]
    public void Load_IdentifiersOf64Characters_AreValid() =>
        Assert.Empty(TestDefinitions.Errors(Valid.Replace("id: limits", "id: " + Long[..64])));

    [Theory]
    [InlineData("id: limits", "id: {0}", "id")]
    [InlineData("key: field", "key: {0}", "form[0].key")]
    [InlineData("key: material", "key: {0}", "materials[0].key")]
    [InlineData("id: step", "id: {0}", "flow[0].id")]
    public void Load_IdentifierOf65Characters_IsRefused(string from, string to, string path)
    {
        var yaml = Valid.Replace(from, string.Format(System.Globalization.CultureInfo.InvariantCulture, to, Long))
            .Replace("usedBy: [step]", path == "flow[0].id" ? $"usedBy: [{Long}]" : "usedBy: [step]");

        Assert.Contains(TestDefinitions.Errors(yaml), e => e.Path == path && e.Message.Contains("64"));
    }
}
