namespace WorkflowEngine.Runtime.Departments;

/// <summary>
/// A person of the department as its notices name them: <see cref="Name"/> (张三), with the login id beside it only
/// where <see cref="Shared"/> says another of the department's staff has the same name; a login id the directory does
/// not know reads as itself (<see cref="Unknown"/>).
/// </summary>
public sealed record StaffName(string Id, string Name, bool Shared)
{
    /// <summary>The person in a Chinese sentence: 张三, or 张三（clerk-1） where two share the name.</summary>
    public string Zh => Shared ? $"{Name}（{Id}）" : Name;

    /// <summary>The person in an English sentence: 张三, or 张三 (clerk-1) where two share the name.</summary>
    public string En => Shared ? $"{Name} ({Id})" : Name;

    /// <summary>A login id nobody has a name for (a deleted user, a department system's own account): the id itself.</summary>
    public static StaffName Unknown(string id) => new(id, id, Shared: false);
}
