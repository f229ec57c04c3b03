namespace WorkflowEngine.Runtime.Departments;

/// <summary>
/// The names of a department's staff as the host's user directory keeps them, for the notices its supervisors read
/// (“办件 … 由 张三 办理”, “李四 申请第 2 次补正”): the department side knows people by login id only, and a host without a
/// user directory names them so.
/// </summary>
public interface IStaffNames
{
    /// <summary>
    /// How notices of <paramref name="department"/> name each of <paramref name="ids"/>, in one read; an id the
    /// directory has no name for is left out (it reads as itself, <see cref="StaffName.Unknown"/>).
    /// </summary>
    Task<IReadOnlyDictionary<string, StaffName>> NamesAsync(string department, IReadOnlyCollection<string> ids, CancellationToken cancellationToken);
}
