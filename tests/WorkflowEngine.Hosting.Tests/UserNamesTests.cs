using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>People's names for a page: one directory read for all of them, and an id nobody knows shows as itself.</summary>
public sealed class UserNamesTests
{
    [Fact]
    public async Task NamesOfAPage_AreReadOnce_AndAnIdTheDirectoryDoesNotKnowShowsAsItself()
    {
        var directory = new CountingDirectory(new UserRecord("samr-clerk", "市场监管窗口", "clerk", "SAMR"), new UserRecord("blank-name", "  ", "clerk", "SAMR"));

        var names = await UserNames.ReadAsync(directory, ["samr-clerk", "dept-system:clerk-42", null, "samr-clerk", "blank-name", ""], CancellationToken.None);

        Assert.Equal(1, directory.Reads);
        Assert.Equal("市场监管窗口", names.Of("samr-clerk"));
        Assert.Equal("dept-system:clerk-42", names.Of("dept-system:clerk-42"));
        Assert.Equal("blank-name", names.Of("blank-name"));
        Assert.Null(names.Of(null));
        Assert.Same(UserNames.None, await UserNames.ReadAsync(directory, [null, " "], CancellationToken.None));
        Assert.Equal(1, directory.Reads);
    }

    /// <summary>A directory of a few users that counts its reads by id.</summary>
    private sealed class CountingDirectory(params UserRecord[] users) : IDirectoryStore
    {
        public int Reads { get; private set; }

        public Task<IReadOnlyList<UserRecord>> FindUsersAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
        {
            Reads++;
            return Task.FromResult<IReadOnlyList<UserRecord>>([.. users.Where(u => ids.Contains(u.Id))]);
        }

        public Task<UserRecord?> FindUserAsync(string id, CancellationToken cancellationToken) => throw new NotSupportedException("one read for the page");

        public Task<IReadOnlyList<UserRecord>> ListUsersAsync(CancellationToken cancellationToken) => throw new NotSupportedException("one read for the page");

        public Task UpsertDepartmentsAsync(IEnumerable<DirectoryDepartment> departments, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task UpsertUsersAsync(IEnumerable<UserRecord> users, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
