using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// Wrong sign-ins under a name with no account were counted in each engine process's memory. Behind a load balancer
/// with two processes a made-up name took ten tries to lock where a real one took five, so the answer to the fifth try
/// told the names apart again, and a restart forgot the count. Now both processes count in the database they share.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_11_UnknownNamesLockAcrossProcesses
{
    [PostgresFact]
    public async Task WrongTriesSplitAcrossTwoProcesses_LockAMadeUpName_AfterTheLimit_WithTheAnswerARealAccountGets()
    {
        await using var databases = new PostgresDatabases();
        var connectionString = await databases.CreateAsync("unknown_names");
        string[] args = ["--Database:Provider=postgresql", $"--Database:ConnectionString={connectionString}"];
        await using var first = await AllInOneHost.StartAsync(extraArgs: args);
        await using var second = await AllInOneHost.StartAsync(extraArgs: args);
        AllInOneHost[] balanced = [first, second];

        var answers = new List<(string Real, string Unknown)>();
        for (var attempt = 1; attempt <= 6; attempt++)
        {
            // Round robin, as a load balancer sends them: the tries alternate between the processes.
            var host = balanced[attempt % 2];
            answers.Add((await TokenAnswerAsync(host, "zhangsan", attempt), await TokenAnswerAsync(host, "No-Such-Person", attempt)));
        }

        Assert.All(answers, a => Assert.Equal(a.Real, a.Unknown));
        Assert.All(answers.Take(4), a => Assert.StartsWith("401 ", a.Unknown, StringComparison.Ordinal));
        Assert.StartsWith("429 账户已锁定", answers[4].Unknown, StringComparison.Ordinal);
        Assert.StartsWith("429 账户已锁定", answers[5].Unknown, StringComparison.Ordinal);
        // Under any spelling, on either process.
        foreach (var host in balanced)
        {
            Assert.StartsWith("429 账户已锁定", await TokenAnswerAsync(host, "no-such-person", 7), StringComparison.Ordinal);
        }
    }

    private static async Task<string> TokenAnswerAsync(AllInOneHost host, string userName, int attempt)
    {
        using var response = await TokenSignInTests.RequestTokenAsync(host, userName, "guess " + attempt);
        var problem = await ProblemAssert.IsAsync(response, response.StatusCode);
        return $"{(int)response.StatusCode} {problem.GetProperty("title").GetString()} | {problem.GetProperty("detail").GetString()} | {response.Headers.RetryAfter}";
    }
}
