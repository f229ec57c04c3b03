using Dapper;
using WorkflowEngine.Persistence.Stores;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Persistence.Tests;

/// <summary>The user directory's read of many users at once, which names everyone a page shows.</summary>
public abstract partial class StoreComplianceTests
{
    [StoreFact]
    public async Task FindUsers_ReadsTheUsersAskedFor_DisabledOnesToo_AndLeavesOutIdsItDoesNotHave()
    {
        var directory = new SqlDirectoryStore(Database);
        await directory.UpsertDepartmentsAsync([new DirectoryDepartment("SAMR", "市场监管局")], CancellationToken.None);
        await directory.UpsertUsersAsync(
            [new UserRecord("dir-clerk", "张三", "clerk", "SAMR"), new UserRecord("dir-left", "李四", "clerk", "SAMR"), new UserRecord("dir-other", "王五", "clerk", "SAMR")],
            CancellationToken.None);
        await using (var write = await Database.BeginWriteAsync(CancellationToken.None))
        {
            await write.Connection.ExecuteAsync("UPDATE users SET disabled_at = 1 WHERE id = 'dir-left'", transaction: write.Transaction);
            await write.CommitAsync(CancellationToken.None);
        }

        var found = await directory.FindUsersAsync(["dir-clerk", "dir-left", "dir-ghost"], CancellationToken.None);

        Assert.Equal([("dir-clerk", "张三"), ("dir-left", "李四")], found.Select(u => (u.Id, u.Name)).OrderBy(u => u.Id, StringComparer.Ordinal));
        Assert.Empty(await directory.FindUsersAsync([], CancellationToken.None));
    }
}
