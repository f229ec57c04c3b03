using System.Text;
using WorkflowEngine.Definitions.Yaml;

namespace WorkflowEngine.Definitions.Tests.Bugs;

/// <summary>
/// A "billion laughs" document of a few hundred bytes used to take tens of seconds and gigabytes; deep nesting and
/// huge documents were not bounded either. Each bound is refused with its limit named, at the line where it is crossed.
/// </summary>
public sealed class Bug_8_YamlExpansionIsBounded
{
    [Fact]
    public void Read_AliasesExpandingPastTheNodeLimit_AreRefusedAtTheAlias()
    {
        // Six levels of ten: a million nodes after expansion; the fifth line alone would make 111,111.
        var text = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var level = 1; level <= 5; level++)
        {
            var alias = $"*a{level - 1}";
            text.Append($"a{level}: &a{level} [{string.Join(", ", Enumerable.Repeat(alias, 10))}]\n");
        }

        var ex = Assert.Throws<YamlSyntaxException>(() => YamlJsonReader.Read(text.ToString()));

        Assert.Contains("100000", ex.Message);
        Assert.Equal(5, ex.Line);
    }

    [Fact]
    public void Read_NestingDeeperThan64_IsRefused()
    {
        Assert.NotNull(YamlJsonReader.Read(new string('[', 64) + new string(']', 64)).Root);

        var ex = Assert.Throws<YamlSyntaxException>(() => YamlJsonReader.Read(new string('[', 65) + new string(']', 65)));

        Assert.Contains("64", ex.Message);
        Assert.Equal((1, 65), (ex.Line, ex.Column));
    }

    [Fact]
    public void Read_DocumentOverOneMegabyteOfUtf8_IsRefused()
    {
        // 350,000 characters, but 1,050,000 bytes in UTF-8: the limit counts bytes.
        var text = "a: b\nc: " + new string('字', 350_000) + "\n";

        var ex = Assert.Throws<YamlSyntaxException>(() => YamlJsonReader.Read(text));

        Assert.Contains("1048576", ex.Message);
        Assert.Equal(2, ex.Line);
    }
}
