using System.Text.RegularExpressions;
using WorkflowEngine.Definitions.Departments;

namespace WorkflowEngine.Definitions.Tests.Bugs;

/// <summary>
/// A broken <c>departments.yaml</c> stopped the host with errors in Chinese only, while a definition's errors already
/// carried their English: an operator who reads English could not tell what was wrong. Each error now has its English,
/// and the start-up failure shows it beside the Chinese.
/// </summary>
public sealed partial class Bug_11_DepartmentErrorsInEnglish : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("departments-");

    public void Dispose() => _root.Delete(recursive: true);

    public static TheoryData<string, string> BrokenFiles() => new()
    {
        { "departments:\n  - { code: samr, name: { zh: 市场监督管理局 } }\n", "capital letters" },
        { "departments:\n  - { code: SAMR, name: { zh: 市场监督管理局 } }\n  - { code: SAMR, name: { zh: 重复 } }\n", "appears twice" },
        { "departments:\n  - { code: SAMR, nmae: { zh: 市场监督管理局 } }\n", "Unknown key" },
        { "departments:\n  - { code: SAMR, name: [ \n", "YAML" },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void Load_BrokenFile_ReportsEachErrorInEnglishToo(string yaml, string english)
    {
        var path = Path.Combine(_root.FullName, "departments.yaml");
        File.WriteAllText(path, yaml);

        var failure = Assert.Throws<DefinitionFileException>(() => DepartmentLoader.Load(path));

        var error = Assert.Single(failure.Errors);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.Contains(english, error.MessageEn, StringComparison.Ordinal);
        Assert.False(Cjk().IsMatch(Quoted().Replace(error.MessageEn!, "")), $"not English: {error.MessageEn}");
        // What the host prints when it cannot start: the place, the Chinese, and the English under it.
        Assert.Contains(error.Message, failure.Message, StringComparison.Ordinal);
        Assert.Contains(error.MessageEn!, failure.Message, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"[\u3000-\u303F\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]")]
    private static partial Regex Cjk();

    /// <summary>Text quoted from the file, which is the administrator's own and may be in any language.</summary>
    [GeneratedRegex("\"[^\"]*\"")]
    private static partial Regex Quoted();
}
