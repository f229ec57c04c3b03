using System.Text.Json;
using System.Text.RegularExpressions;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Definitions.Tests;

/// <summary>
/// Every complete definition shown in the README and the format guide loads without errors, and the deliberately
/// broken one gets exactly the errors the guide prints — so the docs stay true.
/// </summary>
public sealed partial class DocumentationExamplesTests
{
    private static string[] Blocks(string file) =>
        YamlBlock().Matches(File.ReadAllText(Path.Combine(RepositoryPaths.Root, file)))
            .Where(m => m.Groups[1].Length == 0)
            .Select(m => m.Groups[2].Value)
            .Where(b => Regex.IsMatch(b, "^id:", RegexOptions.Multiline) && Regex.IsMatch(b, "^flow:", RegexOptions.Multiline))
            .ToArray();

    public static TheoryData<string, int> Examples()
    {
        var data = new TheoryData<string, int>();
        foreach (var file in new[] { "README.md", "docs/definitions.md" })
        {
            for (var i = 0; i < Blocks(file).Length; i++)
            {
                data.Add(file, i);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void CompleteExample_Loads(string file, int index)
    {
        var result = Catalog.Loader.Load(Blocks(file)[index], $"{file}#{index}");

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
    }

    [Fact]
    public void BrokenExample_GetsExactlyTheErrorsTheGuidePrints()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs/definitions.md"));
        var broken = YamlBlock().Matches(text).Single(m => m.Groups[1].Length > 0);
        var printed = JsonBlock().Match(text, broken.Index + broken.Length).Groups[1].Value;
        var expected = JsonDocument.Parse(printed).RootElement.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("column").GetInt32(), e.GetProperty("path").GetString()))
            .ToArray();

        var result = Catalog.Loader.Load(broken.Groups[2].Value, "broken.yaml");

        Assert.Equal(expected, result.Errors.Select(e => (e.Line, e.Column, (string?)e.Path)).ToArray());
    }

    [GeneratedRegex("(<!-- deliberately broken[^>]*-->\\n)?```yaml\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();

    [GeneratedRegex("```json\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();
}
