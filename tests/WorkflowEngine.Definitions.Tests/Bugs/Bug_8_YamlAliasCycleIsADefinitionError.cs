using WorkflowEngine.Definitions.Yaml;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Definitions.Tests.Bugs;

/// <summary>
/// A 23-byte definition whose alias sits inside its own anchor used to end the process with a stack overflow, when
/// validated through the API or found under <c>Definitions/services/</c> at start. It is a syntax error at the alias.
/// </summary>
public sealed class Bug_8_YamlAliasCycleIsADefinitionError
{
    [Fact]
    public void Load_AliasInsideItsOwnSequence_IsAnErrorAtTheAlias()
    {
        var result = Catalog.Loader.Load("id: self\nflow: &a [ *a ]", "self.yaml");

        var error = Assert.Single(result.Errors);
        Assert.Equal((2, 12), (error.Line, error.Column));
        Assert.Contains("循环", error.Message);
    }

    [Fact]
    public void Read_AliasInsideItsOwnMapping_IsASyntaxError()
    {
        var ex = Assert.Throws<YamlSyntaxException>(() => YamlJsonReader.Read("a: &x\n  b: 1\n  c: *x\n"));

        Assert.Equal((3, 6), (ex.Line, ex.Column));
        Assert.Contains("&x", ex.Message);
    }

    [Fact]
    public void Read_AliasToAClosedAnchor_IsStillACopy()
    {
        var (root, map) = YamlJsonReader.Read("a: &x { b: 1 }\nc: *x\n");

        Assert.Equal(1L, root!["c"]!["b"]!.GetValue<long>());
        Assert.NotSame(root["a"], root["c"]);
        Assert.Equal((2, 1), map.Resolve("c"));
        Assert.Equal((1, 9), map.Resolve("c.b"));
    }
}
