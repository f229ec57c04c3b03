using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Persistence.Stores;
using WorkflowEngine.Runtime.Ratings;
using WorkflowEngine.Runtime.Stores;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// A rating (好差评) was stored first and its <c>Rated</c> line written to the application's audit trail after, in a
/// second transaction: when that one failed (a crash, the database gone for a moment) the rating stayed with no line on
/// the hash-chained trail, and the applicant, told it failed, was refused a second try as rated already. The same held
/// for an administrator's follow-up (整改). Each test here fails the engine's write of the audit line once.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_11_RatingWithoutItsAuditLine
{
    [Fact]
    public async Task TheAuditLineFailing_NoRatingIsStored_AndTheApplicantRatesAgain()
    {
        var commits = new FailingRatingCommits();
        await using var host = await StartAsync(commits);
        var id = await RatingTests.RefusedApplicationAsync(host);
        using var citizen = host.Client("zhangsan");

        commits.Fail = true;
        using (var failed = await RatingTests.RateAsync(citizen, id, new { level = 4, comment = "一次办好" }))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        }

        commits.Fail = false;
        using (var none = await citizen.GetAsync($"/api/applications/{id}/rating"))
        {
            Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        }

        var rating = await ProblemAssert.JsonAsync(await RatingTests.RateAsync(citizen, id, new { level = 4, comment = "一次办好" }), HttpStatusCode.Created);
        Assert.Equal(4, rating.GetProperty("level").GetInt32());
        var trail = await host.GetJsonAsync("admin", $"/api/applications/{id}/audit");
        Assert.True(trail.GetProperty("verified").GetBoolean(), trail.ToString());
        Assert.Single(trail.GetProperty("entries").EnumerateArray(), e => e.GetProperty("type").GetString() == RatingAuditTypes.Rated);
    }

    [Fact]
    public async Task TheAuditLineFailing_NoFollowUpIsStored_AndTheAdministratorRecordsItAgain()
    {
        var commits = new FailingRatingCommits();
        await using var host = await StartAsync(commits);
        var id = await RatingTests.RefusedApplicationAsync(host);
        using (var citizen = host.Client("zhangsan"))
        {
            (await RatingTests.RateAsync(citizen, id, new { level = 1, reason = "材料被退回三次" })).EnsureSuccessStatusCode();
        }

        using var admin = host.Client("admin");
        commits.Fail = true;
        using (var failed = await admin.PostAsJsonAsync($"/api/admin/ratings/{id}/follow-up", new { note = "已约谈窗口负责人" }))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        }

        commits.Fail = false;
        Assert.True((await host.GetJsonAsync("zhangsan", $"/api/applications/{id}/rating")).GetProperty("needsFollowUp").GetBoolean());
        var followed = await ProblemAssert.JsonAsync(
            await admin.PostAsJsonAsync($"/api/admin/ratings/{id}/follow-up", new { note = "已约谈窗口负责人" }), HttpStatusCode.OK);
        Assert.Equal("已约谈窗口负责人", followed.GetProperty("followUp").GetString());
        var trail = await host.GetJsonAsync("admin", $"/api/applications/{id}/audit");
        Assert.True(trail.GetProperty("verified").GetBoolean(), trail.ToString());
        Assert.Single(trail.GetProperty("entries").EnumerateArray(), e => e.GetProperty("type").GetString() == RatingAuditTypes.RatingFollowedUp);
    }

    private static Task<AllInOneHost> StartAsync(FailingRatingCommits commits) =>
        AllInOneHost.StartAsync(configure: builder => builder.Services.AddSingleton<IEngineStore>(
            services => commits.Over(ActivatorUtilities.CreateInstance<SqlEngineStore>(services))));

    /// <summary>The engine's store, failing, while <see cref="Fail"/> is set, every write that carries a rating's audit line.</summary>
    private sealed class FailingRatingCommits : IEngineStore
    {
        private IEngineStore? _inner;

        public volatile bool Fail;

        public IEngineStore Over(IEngineStore inner)
        {
            _inner = inner;
            return this;
        }

        public Task<IEngineReader> OpenReaderAsync(CancellationToken cancellationToken) => _inner!.OpenReaderAsync(cancellationToken);

        public Task SaveAsync(EngineChanges changes, DateTimeOffset now, CancellationToken cancellationToken) =>
            Fail && changes.Audit.Exists(a => a.Type is RatingAuditTypes.Rated or RatingAuditTypes.RatingFollowedUp)
                ? throw new IOException("the database did not answer")
                : _inner!.SaveAsync(changes, now, cancellationToken);
    }
}
