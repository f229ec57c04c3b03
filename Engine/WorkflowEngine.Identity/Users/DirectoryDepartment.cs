namespace WorkflowEngine.Runtime.Users;

/// <summary>A department as the users' directory stores it: its code, its names and description, as the host knows them.</summary>
public sealed record DirectoryDepartment(string Code, string NameZh, string? NameEn = null, string? Description = null)
{
    /// <summary>Its name for an English text: the English one where it has one, else the Chinese.</summary>
    public string EnglishName => NameEn ?? NameZh;
}
