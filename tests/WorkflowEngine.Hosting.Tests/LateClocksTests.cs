using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// The administrator's list of late bundles and stages (<c>GET /api/admin/late-clocks</c>, <c>/admin/late-clocks</c>):
/// the shipped 企业开办 with its licence step in a registration stage of 4 working hours (statutory: 1 working day,
/// <see cref="StageClockTests.PublishStagedAsync"/>),
/// submitted Monday 2 March 2026 at 09:00; the stage is due at 14:30 and nobody decides the licence.
/// </summary>
[Trait("Category", "Integration")]
public sealed class LateClocksTests
{
    [Fact]
    public async Task AStagePastItsPromisedLimit_IsListedRed_ForTheAdministratorOnly_AndTheFiltersNarrowIt()
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        var (id, _) = await LicenceTask.OpenAsync(host, staged: true);

        // 09:30: nothing is late yet.
        host.Clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(0, (await host.GetJsonAsync("admin", "/api/admin/late-clocks")).GetProperty("total").GetInt32());

        // 15:00 Monday: the stage passed its promised 14:30; the bundle's working day has hardly begun.
        host.Clock.Advance(TimeSpan.FromHours(5.5));
        var late = await host.GetJsonAsync("admin", "/api/admin/late-clocks");
        Assert.Equal(1, late.GetProperty("total").GetInt32());
        var stage = Assert.Single(late.GetProperty("items").EnumerateArray());
        Assert.Equal((id.ToString(), "stage", "stage-licence", "red", "promised"), (
            stage.GetProperty("applicationId").GetString(), stage.GetProperty("kind").GetString(), stage.GetProperty("clockId").GetString(),
            stage.GetProperty("warning").GetString(), stage.GetProperty("limit").GetString()));
        Assert.Equal("2026-03-02T14:30:00+08:00", stage.GetProperty("dueAt").GetString());
        Assert.Equal(-0.5m, stage.GetProperty("leftHours").GetDecimal());
        Assert.Equal("business-opening", stage.GetProperty("serviceId").GetString());

        Assert.Equal(1, (await host.GetJsonAsync("admin", "/api/admin/late-clocks?level=red&service=business-opening")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await host.GetJsonAsync("admin", "/api/admin/late-clocks?level=yellow")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await host.GetJsonAsync("admin", "/api/admin/late-clocks?service=construction-permit")).GetProperty("total").GetInt32());

        using var admin = host.Client("admin");
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/admin/late-clocks?level=blue")).StatusCode);
        using var clerk = host.Client("samr-clerk");
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("/api/admin/late-clocks")).StatusCode);

        using var browser = await PageSignInTests.SignedInBrowserAsync(host, "admin", "Demo#2026");
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync("/admin/late-clocks?level=red"));
        Assert.Contains("data-clock=\"stage-licence\"", page, StringComparison.Ordinal);
        Assert.Contains("红牌（超过承诺时限）", page, StringComparison.Ordinal);
        Assert.Contains("已超 30 分钟", page, StringComparison.Ordinal);
    }

    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    /// <summary>
    /// The list is a query over the clocks the engine stored, the application's clock page a reading of its state: at
    /// each instant they must name the same bundles and stages on a card, of the same colour, due at the same time with
    /// the same working time left. One application runs; the other's stage turned yellow and then stood still for
    /// supplementary material (补正), and stays yellow while paused.
    /// </summary>
    [Fact]
    public async Task TheList_AgreesWithTheApplicationsOwnClockPages_ARunningAndAPausedApplication()
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        var (paused, _) = await LicenceTask.OpenAsync(host, staged: true);
        // 12:45: three of the stage's four office hours are used (yellow); the clerk claims and, at 13:15, asks for the articles.
        host.Clock.Advance(TimeSpan.FromMinutes(225));
        await SupplementTests.AskForArticlesAsync(host);
        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{paused}/clocks"),
            c => StageClockTests.ClockOf(c, "stage-licence").GetProperty("status").GetString() == "paused", "the stage to stand still");
        var (running, _) = await LicenceTask.OpenAsync(host);

        var seen = new List<string>();
        foreach (var at in new[]
        {
            new DateTimeOffset(2026, 3, 2, 13, 15, 0, Cst), new DateTimeOffset(2026, 3, 2, 16, 30, 0, Cst), new DateTimeOffset(2026, 3, 3, 10, 0, 0, Cst),
            new DateTimeOffset(2026, 3, 4, 16, 0, 0, Cst), new DateTimeOffset(2026, 3, 12, 9, 0, 0, Cst),
        })
        {
            host.Clock.Advance(at - host.Clock.GetUtcNow());
            seen.AddRange(await AssertListAgreesAsync(host, running, paused));
        }

        // What the instants showed, so that the comparison is not of two empty lists.
        Assert.Contains($"{paused}/stage-licence/yellow/paused", seen);
        Assert.Contains($"{running}/stage-licence/yellow/running", seen);
        Assert.Contains($"{running}/stage-licence/red/running", seen);
        Assert.Contains($"{running}/business-opening/red/running", seen);
    }

    /// <summary>
    /// A bundle whose limit an approved extension lengthened (联合办理 45 + 15) is yellow, not red, past its first due
    /// time, in the list as on its clock page; the same bundle without the extension is red.
    /// </summary>
    [Fact]
    public async Task TheList_AgreesWithTheApplicationsOwnClockPages_AnExtendedBundleAndOneNotExtended()
    {
        await using var host = await AllInOneHost.StartAsync(ClockExtensionTests.Monday);
        var extended = await ClockExtensionTests.SubmitAsync(host);
        var plain = await ClockExtensionTests.SubmitAsync(host);
        var path = $"/api/applications/{extended}/clock-extensions";
        using var nrp = host.Client("nrp-supervisor");
        using var gsc = host.Client("gsc-supervisor");
        using var asked = await nrp.PostAsJsonAsync(path, new { workingDays = 5, reason = "五部门联合现场核查" });
        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        var extension = (await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        (await gsc.PostAsJsonAsync($"{path}/{extension}/approve", new { reason = "同意延长" })).EnsureSuccessStatusCode();

        var seen = new List<string>();
        foreach (var at in new[] { new DateTimeOffset(2026, 11, 5, 10, 0, 0, Cst), new DateTimeOffset(2026, 11, 10, 10, 0, 0, Cst) })
        {
            host.Clock.Advance(at - host.Clock.GetUtcNow());
            seen.AddRange(await AssertListAgreesAsync(host, extended, plain));
        }

        Assert.Contains($"{extended}/joint-acceptance-registration/yellow/running", seen);
        Assert.Contains($"{plain}/joint-acceptance-registration/red/running", seen);
        var bundle = (await host.GetJsonAsync("admin", "/api/admin/late-clocks?level=yellow")).GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("applicationId").GetGuid() == extended && i.GetProperty("kind").GetString() == "bundle");
        Assert.Equal("2026-11-16T17:30:00+08:00", bundle.GetProperty("dueAt").GetString());
    }

    /// <summary>
    /// An application running when the host is upgraded (its database written by the release before the stored clocks,
    /// migration 0046 not yet run) is counted once at the first start and listed from then on: its stored stage is due at
    /// 14:30 and its bundle at the close of Tuesday before anything of it moves; past that, the list and its clock page agree.
    /// </summary>
    [Fact]
    public async Task AnApplicationRunningBeforeTheUpgrade_IsListed_AfterTheUpgradedHostStarts()
    {
        var directory = Directory.CreateTempSubdirectory("workflow-late-clocks-");
        var file = Path.Combine(directory.FullName, "workflow.db");
        try
        {
            var id = await SubmittedMondayMorningAsync(directory);
            await ExecuteAsync(file, "DROP TABLE open_clocks; DROP TABLE open_clocks_backfill; DELETE FROM SchemaVersions WHERE ScriptName LIKE '%.0046_open_clocks.sql' OR ScriptName LIKE '%.0047_open_clocks_paused.sql'", id);

            await using (var host = await AllInOneHost.StartInAsync(directory, new DateTimeOffset(2026, 3, 2, 10, 0, 0, Cst)))
            {
                // Nothing of the application has moved since the start: what is stored is the count at the start.
                Assert.Equal(
                    [("business-opening", (long?)new DateTimeOffset(2026, 3, 3, 17, 30, 0, Cst).ToUnixTimeMilliseconds()), ("stage-licence", new DateTimeOffset(2026, 3, 2, 14, 30, 0, Cst).ToUnixTimeMilliseconds())],
                    await StoredDueTimesAsync(file, id));
                host.Clock.Advance(TimeSpan.FromHours(5));
                var seen = await AssertListAgreesAsync(host, id);
                Assert.Contains($"{id}/stage-licence/red/running", seen);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    /// <summary>
    /// During a rolling upgrade an engine from before the clocks were stored completes an application whose stage is
    /// late, leaving its rows: the upgraded host neither lists nor counts it, and deletes the rows.
    /// </summary>
    [Fact]
    public async Task AnApplicationEndedByAnEngineFromBeforeTheUpgrade_IsNotListedNorCounted_AndItsClocksGo()
    {
        var directory = Directory.CreateTempSubdirectory("workflow-late-clocks-");
        var file = Path.Combine(directory.FullName, "workflow.db");
        try
        {
            var id = await SubmittedMondayMorningAsync(directory);
            Assert.Equal(1, await ExecuteAsync(file, "UPDATE applications SET status = 'completed', version = version + 1 WHERE id = $id", id));

            Assert.NotEmpty(await StoredDueTimesAsync(file, id));
            await using (var host = await AllInOneHost.StartInAsync(directory, new DateTimeOffset(2026, 3, 2, 15, 0, 0, Cst)))
            {
                // 15:00: its stage would be red since 14:30.
                var late = await host.GetJsonAsync("admin", "/api/admin/late-clocks");
                Assert.Equal(0, late.GetProperty("total").GetInt32());
                Assert.Empty(late.GetProperty("items").EnumerateArray());
                Assert.Empty(await StoredDueTimesAsync(file, id));
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    /// <summary>The staged 企业开办 submitted Monday at 09:00 by a host in <paramref name="directory"/>, stopped once its task is open.</summary>
    private static async Task<Guid> SubmittedMondayMorningAsync(DirectoryInfo directory)
    {
        await using var host = await AllInOneHost.StartInAsync(directory, AllInOneHost.MondayMorning);
        return (await LicenceTask.OpenAsync(host, staged: true)).Application;
    }

    /// <summary>Runs <paramref name="sql"/> on the stopped host's database, as another binary would; <c>$id</c> is the application.</summary>
    private static async Task<int> ExecuteAsync(string file, string sql, Guid id)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", id.ToString());
        return await command.ExecuteNonQueryAsync();
    }

    private static async Task<IReadOnlyList<(string Clock, long? Due)>> StoredDueTimesAsync(string file, Guid id)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT clock_id, due_at FROM open_clocks WHERE application_id = $id ORDER BY clock_id";
        command.Parameters.AddWithValue("$id", id.ToString());
        var rows = new List<(string, long?)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetInt64(1)));
        }

        return rows;
    }

    /// <summary>
    /// Compares the list with each application's clock page (<c>/api/applications/{id}/clocks</c>) at the host's instant,
    /// until they agree (an engine event may be on its way); returns what was listed, as application/clock/colour/status.
    /// </summary>
    private static async Task<IReadOnlyList<string>> AssertListAgreesAsync(AllInOneHost host, params Guid[] ids)
    {
        var listed = new List<string>();
        await AllInOneHost.EventuallyAsync(
            async () =>
            {
                listed.Clear();
                var problems = new List<string>();
                var page = await host.GetJsonAsync("admin", "/api/admin/late-clocks?limit=500");
                var items = page.GetProperty("items").EnumerateArray().ToArray();
                if (page.GetProperty("total").GetInt32() != items.Length)
                {
                    problems.Add($"total {page.GetProperty("total").GetInt32()} for {items.Length} items");
                }

                var colours = items.Select(i => i.GetProperty("warning").GetString()).ToArray();
                if (!colours.SequenceEqual(colours.OrderBy(c => c == "red" ? 0 : 1)))
                {
                    problems.Add("red does not come first: " + string.Join(",", colours));
                }

                foreach (var id in ids)
                {
                    var clocks = (await host.GetJsonAsync("zhangsan", $"/api/applications/{id}/clocks")).GetProperty("clocks").EnumerateArray()
                        .Where(c => c.GetProperty("kind").GetString() == "bundle"
                            || (c.GetProperty("kind").GetString() == "stage" && c.GetProperty("status").GetString() is "running" or "paused"))
                        .ToArray();
                    var mine = items.Where(i => i.GetProperty("applicationId").GetGuid() == id).ToArray();
                    var expected = clocks.Select(c => (Clock: c, Warning: Worse(c))).Where(c => c.Warning != "none")
                        .Select(c => $"{c.Clock.GetProperty("kind").GetString()}:{c.Clock.GetProperty("id").GetString()}:{c.Warning}").Order().ToArray();
                    var actual = mine.Select(i => $"{i.GetProperty("kind").GetString()}:{i.GetProperty("clockId").GetString()}:{i.GetProperty("warning").GetString()}").Order().ToArray();
                    if (!expected.SequenceEqual(actual))
                    {
                        problems.Add($"{id}: the clock page has [{string.Join(", ", expected)}], the list [{string.Join(", ", actual)}]");
                        continue;
                    }

                    foreach (var item in mine)
                    {
                        var clock = clocks.Single(c => c.GetProperty("id").GetString() == item.GetProperty("clockId").GetString());
                        var limit = clock.GetProperty(item.GetProperty("limit").GetString()!);
                        var due = limit.GetProperty("dueAt").ValueKind == JsonValueKind.Null ? null : limit.GetProperty("dueAt").GetString();
                        var listedDue = item.GetProperty("dueAt").ValueKind == JsonValueKind.Null ? null : item.GetProperty("dueAt").GetString();
                        if (due != listedDue || limit.GetProperty("leftHours").GetDecimal() != item.GetProperty("leftHours").GetDecimal())
                        {
                            problems.Add($"{id} {item.GetProperty("clockId").GetString()}: due {due} / {listedDue}, left {limit.GetProperty("leftHours")} / {item.GetProperty("leftHours")}");
                        }

                        listed.Add($"{id}/{item.GetProperty("clockId").GetString()}/{item.GetProperty("warning").GetString()}/{clock.GetProperty("status").GetString()}");
                    }
                }

                return problems;
            },
            problems => problems.Count == 0,
            $"the list to agree with the clock pages at {host.Clock.GetUtcNow().ToOffset(Cst):yyyy-MM-dd HH:mm}");
        return [.. listed];
    }

    private static string Worse(JsonElement clock)
    {
        var cards = new[] { "promised", "statutory" }
            .Where(l => clock.TryGetProperty(l, out var limit) && limit.ValueKind == JsonValueKind.Object)
            .Select(l => clock.GetProperty(l).GetProperty("warning").GetString())
            .ToArray();
        return cards.Contains("red") ? "red" : cards.Contains("yellow") ? "yellow" : "none";
    }
}
