using WorkflowEngine.Definitions;
using WorkflowEngine.Definitions.Yaml;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Identity;

/// <summary><c>Definitions/demo/users.yaml</c>: the demo identities seeded in Development.</summary>
public sealed record DemoUsersFile
{
    public List<UserRecord>? Users { get; init; }

    public static IReadOnlyList<UserRecord> Load(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var (root, map) = YamlJsonReader.Read(File.ReadAllText(path));
        var reader = new DocumentReader(path, map);
        var file = reader.Bind<DemoUsersFile>(root, "");
        return reader.Errors.Count > 0 ? throw new DefinitionFileException(reader.Errors) : file?.Users ?? [];
    }
}
