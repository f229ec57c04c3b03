using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Contracts;
using WorkflowEngine.Persistence;
using WorkflowEngine.Runtime.Definitions;
using WorkflowEngine.Runtime.Materials;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>Regressions for what the first review and the first benchmark found.</summary>
[Trait("Category", "Integration")]
public sealed class Bug_EarlyFindings
{
    [Fact]
    public async Task RecallThatOvertakesItsStep_KeepsTheStepFromReachingAClerk()
    {
        await using var host = await AllInOneHost.StartAsync();
        var endpoint = await host.Services.GetRequiredService<IBus>().GetSendEndpoint(new Uri("queue:" + Queues.Department("SAMR")));
        var applicationId = Guid.NewGuid();
        var now = host.Clock.GetUtcNow();

        await endpoint.Send(new CancelStep { ApplicationId = applicationId, StepId = "business-licence", Attempt = 1, Department = "SAMR", Reason = "并联分支未通过", CancelledAt = now });
        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("samr-clerk", "/api/departments/SAMR/tasks?status=cancelled"),
            t => t.GetArrayLength() == 1,
            "the placeholder of the recalled step");
        var lateStep = Guid.NewGuid();
        await endpoint.Send(
            new ExecuteStep
            {
                ApplicationId = applicationId,
                TrackingNumber = "YB20260302-LATE0001",
                ServiceId = "business-opening",
                ServiceTitle = "企业开办",
                StepId = "business-licence",
                Attempt = 1,
                Department = "SAMR",
                Title = "营业执照",
                DispatchedAt = now,
                DueAt = now.AddHours(2),
            },
            context => context.MessageId = lateStep);

        // Wait until the department host has consumed the late step, then look at the queue.
        var database = host.Services.GetRequiredService<Database>();
        await AllInOneHost.EventuallyAsync(
            async () =>
            {
                await using var connection = await database.OpenAsync(CancellationToken.None);
                return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM inbox WHERE message_id = @Id", new { Id = lateStep.ToString() });
            },
            consumed => consumed == 1,
            "the late step to be consumed");
        Assert.Equal(0, (await host.GetJsonAsync("samr-clerk", "/api/departments/SAMR/tasks?status=open")).GetArrayLength());
    }

    [Fact]
    public async Task Restart_DoesNotOverwriteAVersionPublishedThroughTheApi()
    {
        await using var host = await AllInOneHost.StartAsync();
        using var admin = host.Client("admin");
        var source = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Definitions, "services", "business-opening.yaml"));
        using var saved = await admin.PostAsync("/api/definitions", new StringContent(source.Replace("zh: 印章刻制,", "zh: 印章刻制（新）,", StringComparison.Ordinal), Encoding.UTF8, "application/yaml"));
        Assert.True((await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("valid").GetBoolean());
        (await admin.PostAsync("/api/definitions/business-opening/publish", null)).EnsureSuccessStatusCode();
        var registry = host.Services.GetRequiredService<DefinitionRegistry>();

        await registry.SeedAsync(RepositoryPaths.Definitions, CancellationToken.None);

        var store = host.Services.GetRequiredService<IDefinitionStore>();
        var latest = await store.GetLatestPublishedAsync("business-opening", CancellationToken.None);
        Assert.Equal(2, latest!.Version);
        Assert.Contains("印章刻制（新）", (await store.GetAsync("business-opening", 2, CancellationToken.None))!.Source);
    }

    [Fact]
    public async Task ConcurrentUploadsOfTheSameFile_AllSucceed()
    {
        var root = Directory.CreateTempSubdirectory("blobs-").FullName;
        var store = new FileBlobStore(root);

        var stored = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => store.PutAsync(new MemoryStream(BusinessOpening.Pdf), 1024, CancellationToken.None))));

        Assert.Single(stored.Select(s => s.Sha256).Distinct());
        using var read = store.OpenRead(stored[0].Sha256)!;
        Assert.Equal(BusinessOpening.Pdf.Length, read.Length);
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public async Task BlobStore_KeepsAcceptingUploads_AfterItsFolderWasRemoved()
    {
        var root = Path.Combine(Directory.CreateTempSubdirectory("blobs-").FullName, "store");
        var store = new FileBlobStore(root);
        var first = await store.PutAsync(new MemoryStream(BusinessOpening.Pdf), 1024, CancellationToken.None);

        // An operator cleans the folder away while the host runs; the next upload must still be stored.
        Directory.Delete(root, recursive: true);
        var second = await store.PutAsync(new MemoryStream([1, 2, 3]), 1024, CancellationToken.None);

        Assert.NotEqual(first.Sha256, second.Sha256);
        using var read = store.OpenRead(second.Sha256)!;
        Assert.Equal(3, read.Length);
        Directory.Delete(Path.GetDirectoryName(root)!, recursive: true);
    }
}
