using System.Text.RegularExpressions;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Definitions.Yaml;

namespace WorkflowEngine.Definitions.Departments;

/// <summary>Loads <c>departments.yaml</c>; each error carries its English beside the Chinese, as a definition's do.</summary>
public static partial class DepartmentLoader
{
    public static IReadOnlyList<Department> Load(string path)
    {
        DocumentReader reader;
        DepartmentsFile? file;
        try
        {
            var (root, map) = YamlJsonReader.Read(File.ReadAllText(path));
            reader = new DocumentReader(path, map);
            file = reader.Bind<DepartmentsFile>(root, "");
        }
        catch (YamlSyntaxException ex)
        {
            throw new DefinitionFileException([new DefinitionError(path, ex.Line, ex.Column, "", ex.Message) { MessageEn = ex.MessageEn }]);
        }

        var departments = new List<Department>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (file?.Departments?.Count ?? 0); i++)
        {
            var entry = file!.Departments![i];
            var at = $"departments[{i}]";
            if (entry.Code is null || !CodePattern().IsMatch(entry.Code))
            {
                reader.Error(at + ".code", "部门代码 code 须为大写字母、数字或 -（用作队列名 dept.<code>）",
                    "A department code must be capital letters, digits or - (it names the queue dept.<code>)");
                continue;
            }

            if (!seen.Add(entry.Code))
            {
                reader.Error(at + ".code", $"部门代码“{entry.Code}”重复", $"The department code \"{MessageText.Quote(entry.Code)}\" appears twice");
                continue;
            }

            departments.Add(new Department(entry.Code, entry.Name ?? new LocalizedText(entry.Code), entry.Description));
        }

        if (reader.Errors.Count > 0)
        {
            throw new DefinitionFileException(reader.Errors);
        }

        return departments;
    }

    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]*$")]
    private static partial Regex CodePattern();
}
