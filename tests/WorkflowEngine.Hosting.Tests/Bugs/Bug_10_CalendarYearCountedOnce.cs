using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Persistence;
using WorkflowEngine.Persistence.Stores;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// Loading a year's holiday arrangement went over the open applications twice: once through the interpreter to list
/// what moved, then once more to count each again through the engine. Now the engine's one count is also the list.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_10_CalendarYearCountedOnce
{
    [Fact]
    public async Task LoadingAYear_GoesOverTheOpenApplicationsOnce_AndListsWhatTheCountMoved()
    {
        OpenReadsCounted? queries = null;
        await using var host = await AllInOneHost.StartAsync(
            new DateTimeOffset(2026, 12, 23, 9, 0, 0, TimeSpan.FromHours(8)),
            builder => builder.Services.AddSingleton<IApplicationQueries>(
                services => queries = new OpenReadsCounted(new SqlApplicationQueries(services.GetRequiredService<Database>()))));
        using var citizen = host.Client("zhangsan");
        using var submitted = await citizen.PostAsync("/api/applications", JointAcceptance.Multipart(civilAirDefence: false));
        submitted.EnsureSuccessStatusCode();
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await host.TaskOfAsync(id, "HUD", "hud-clerk");
        using var admin = host.Client("admin");

        // The preview runs the count on copies: one pass.
        var before = queries!.OpenReads;
        using var preview = await admin.PostAsync("/api/calendars/cn-mainland/years?preview=true", Yaml());
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal(1, queries.OpenReads - before);
        var previewed = (await preview.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("moved").EnumerateArray().ToArray();

        // The load counts them once, for real, and answers with what that count moved: what the preview said.
        before = queries.OpenReads;
        using var loaded = await admin.PostAsync("/api/calendars/cn-mainland/years", Yaml());
        Assert.Equal(HttpStatusCode.OK, loaded.StatusCode);
        Assert.Equal(1, queries.OpenReads - before);
        var moved = (await loaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("moved").EnumerateArray().ToArray();
        Assert.Equal(previewed.Select(Key), moved.Select(Key));
        var recounted = (await host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries").EnumerateArray()
            .Where(e => e.GetProperty("type").GetString() == "DueRecounted").Select(e => e.GetProperty("stepId").GetString()).Order().ToArray();
        Assert.Contains("fire-acceptance", recounted);
        Assert.Equal(recounted, moved.Where(m => m.GetProperty("kind").GetString() == "step").Select(m => m.GetProperty("stepId").GetString()).Order());
    }

    private static StringContent Yaml() => new(CalendarYearTests.Year2027, Encoding.UTF8, "application/yaml");

    private static string Key(JsonElement moved) =>
        $"{moved.GetProperty("kind").GetString()}:{moved.GetProperty("stepId")}:{moved.GetProperty("before").GetString()}:{moved.GetProperty("after").GetString()}";

    /// <summary>The application queries, counting the reads of the open applications (one per page).</summary>
    private sealed class OpenReadsCounted(IApplicationQueries inner) : DelegatingApplicationQueries(inner)
    {
        private int _openReads;

        public int OpenReads => Volatile.Read(ref _openReads);

        public override Task<IReadOnlyList<ApplicationRecord>> ListOpenAsync(Guid? after, int limit, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _openReads);
            return base.ListOpenAsync(after, limit, cancellationToken);
        }
    }
}
