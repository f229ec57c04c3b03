using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Hosting.Startup;
using WorkflowEngine.Persistence;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// Finding 10 of the hardening issue: anyone with access to the database could edit, delete or reorder audit lines
/// unseen, and nobody's reading of personal data was recorded. Each application's lines now form a hash chain that
/// <c>GET /api/applications/{id}/audit</c> and <c>verify-audit</c> check, and views and downloads are audit lines.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_8_AuditTrailIsTamperEvident
{
    /// <summary>Lines 2 and 3 change places: each row takes the other's whole content (its row id, and so its place, stays).</summary>
    private const string SwapLinesTwoAndThree = """
        CREATE TEMP TABLE moved AS SELECT * FROM audit_events WHERE application_id = @Id AND seq IN (2, 3);
        UPDATE audit_events SET (at, type, step_id, actor, data_json, seq, hash) =
            (SELECT m.at, m.type, m.step_id, m.actor, m.data_json, m.seq, m.hash FROM moved m WHERE m.seq = 5 - audit_events.seq)
        WHERE application_id = @Id AND seq IN (2, 3);
        DROP TABLE moved;
        """;

    [Fact]
    public async Task UntouchedTrail_Verifies_WithASequenceAndAHashPerLine()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await SubmitAndWaitAsync(host);

        var trail = await host.GetJsonAsync("admin", $"/api/applications/{id}/audit");
        Assert.True(trail.GetProperty("verified").GetBoolean());
        Assert.Equal(JsonValueKind.Null, trail.GetProperty("brokenAt").ValueKind);
        var entries = trail.GetProperty("entries").EnumerateArray().ToArray();
        Assert.Equal(Enumerable.Range(1, entries.Length).Select(i => (long)i), entries.Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.All(entries, e => Assert.Matches("^[0-9a-f]{64}$", e.GetProperty("hash").GetString()!));
        Assert.Equal(0, await VerifyAllAsync(host));
    }

    [Theory]
    [InlineData("edited", "UPDATE audit_events SET data_json = '{\"service\":\"forged\"}' WHERE application_id = @Id AND seq = 1", 1)]
    [InlineData("deleted", "DELETE FROM audit_events WHERE application_id = @Id AND seq = 2", 2)]
    [InlineData("reordered", SwapLinesTwoAndThree, 2)]
    [InlineData("last line deleted", "DELETE FROM audit_events WHERE application_id = @Id AND seq = (SELECT MAX(seq) FROM audit_events WHERE application_id = @Id)", -1)]
    public async Task TamperedTrail_IsReportedBroken_AtTheFirstLineThatNoLongerFits(string how, string sql, long brokenPosition)
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await SubmitAndWaitAsync(host);
        var lines = (await host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries").GetArrayLength();

        var database = host.Services.GetRequiredService<Database>();
        await using (var write = await database.BeginWriteAsync(CancellationToken.None))
        {
            Assert.True(await write.Connection.ExecuteAsync(sql, new { Id = id.ToString() }, write.Transaction) > 0, how);
            await write.CommitAsync(CancellationToken.None);
        }

        var trail = await host.GetJsonAsync("admin", $"/api/applications/{id}/audit");
        Assert.False(trail.GetProperty("verified").GetBoolean(), how);
        var broken = trail.GetProperty("brokenAt");
        Assert.Equal(brokenPosition == -1 ? lines - 1 : brokenPosition, broken.GetProperty("position").GetInt64());
        Assert.False(string.IsNullOrWhiteSpace(broken.GetProperty("problem").GetString()));
        Assert.Equal(1, await VerifyAllAsync(host));
    }

    [Fact]
    public async Task ReadsOfPersonalDataByOthers_AreAuditLines_WithWhoAndWhen_TheApplicantsOwnAreNot()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await SubmitAndWaitAsync(host);
        var application = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}");
        var download = application.GetProperty("materials")[0].GetProperty("download").GetString();
        var task = (await host.GetJsonAsync("samr-clerk", "/api/departments/SAMR/tasks"))[0];
        await host.GetJsonAsync("samr-clerk", $"/api/tasks/{task.GetProperty("id").GetString()}");
        using (var clerk = host.Client("samr-clerk"))
        {
            (await clerk.PostAsync($"/api/tasks/{task.GetProperty("id").GetString()}/claim", null)).EnsureSuccessStatusCode();
            (await clerk.GetAsync(download)).EnsureSuccessStatusCode();
        }

        await host.GetJsonAsync("admin", $"/api/applications/{id}");
        var entries = (await host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries").EnumerateArray().ToArray();
        Assert.Contains(entries, e => e.GetProperty("type").GetString() == "ApplicationViewed" && e.GetProperty("actor").GetString() == "admin");
        Assert.DoesNotContain(entries, e => e.GetProperty("type").GetString() == "ApplicationViewed" && e.GetProperty("actor").GetString() == "zhangsan");
        Assert.Contains(entries, e => e.GetProperty("type").GetString() == "MaterialDownloaded" && e.GetProperty("actor").GetString() == "samr-clerk"
            && e.GetProperty("data").GetProperty("material").GetString() == "articles");
        Assert.Contains(entries, e => e.GetProperty("type").GetString() == "TaskViewed" && e.GetProperty("actor").GetString() == "samr-clerk");
        Assert.All(entries, e => Assert.Equal(host.Clock.GetUtcNow(), e.GetProperty("at").GetDateTimeOffset()));
    }

    private static async Task<Guid> SubmitAndWaitAsync(AllInOneHost host)
    {
        var id = await host.SubmitBusinessOpeningAsync();
        await host.ReceivedLicenceStepAsync();
        await AllInOneHost.EventuallyAsync(
            () => host.ScalarAsync("SELECT COUNT(*) FROM audit_events WHERE application_id = @Id AND type = 'StepReceived'", new { Id = id.ToString() }),
            n => n == 1,
            "the licence step's acknowledgement");
        return id;
    }

    private static async Task<int> VerifyAllAsync(AllInOneHost host)
    {
        using var output = new StringWriter();
        var code = await AuditCommand.RunAsync(host.Services, output);
        Assert.Contains(code == 0 ? "Intact" : "BROKEN", output.ToString(), StringComparison.Ordinal);
        return code;
    }
}
