using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Persistence;
using WorkflowEngine.Persistence.Stores;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// An application's page read the application (its state, where a commitment's signature lives) in one query and its
/// steps in another: a signature committed between the two showed the step approved on a commitment with no signature
/// (seen in CI), and the audit trail, its lines read after its chain's head, showed a break in an intact chain. Each
/// test here commits the applicant's signature exactly between the application's read and the next one.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_10_ApplicationIsReadInOneSnapshot
{
    private const string Archives = CommitmentFlow.Archives;

    [Fact]
    public async Task ASignatureCommittedBetweenTheReads_TheApplicationShowsTheStepAndItsCommitmentAsOfOneState()
    {
        var (host, queries, id) = await SignatureBetweenTheReadsAsync();
        await using var _ = host;

        var application = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}");

        Assert.True(queries.Written, "the signature was committed between the reads");
        var step = CommitmentFlow.Step(application, Archives);
        var commitment = step.GetProperty("commitment");
        // The step approved exactly when its commitment is signed, never the one without the other.
        Assert.Equal(step.GetProperty("status").GetString() == "approved", commitment.TryGetProperty("status", out var signed) && signed.ValueKind == JsonValueKind.String);
        // As of the state before the signature: not signed, still open to signing; the next read shows both changes together.
        Assert.True(commitment.GetProperty("canSign").GetBoolean());
        var after = CommitmentFlow.Step(await host.GetJsonAsync("zhangsan", $"/api/applications/{id}"), Archives);
        Assert.Equal(("approved", "awaiting-verification"), (after.GetProperty("status").GetString(), after.GetProperty("commitment").GetProperty("status").GetString()));
    }

    [Fact]
    public async Task ASignatureCommittedBetweenTheReads_TheAuditTrailStillVerifies()
    {
        var (host, queries, id) = await SignatureBetweenTheReadsAsync();
        await using var _ = host;

        var trail = await host.GetJsonAsync("admin", $"/api/applications/{id}/audit");

        Assert.True(queries.Written, "the signature was committed between the reads");
        Assert.True(trail.GetProperty("verified").GetBoolean(), trail.ToString());
        Assert.DoesNotContain(trail.GetProperty("entries").EnumerateArray(), e => e.GetProperty("type").GetString() == "CommitmentSigned");
        Assert.True((await host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("verified").GetBoolean());
    }

    /// <summary>An application submitted, its archives task held, and the applicant's signature armed to come between the next two reads.</summary>
    private static async Task<(AllInOneHost Host, WriteBetweenReads Queries, Guid Id)> SignatureBetweenTheReadsAsync()
    {
        WriteBetweenReads? queries = null;
        var host = await AllInOneHost.StartAsync(configure: builder => builder.Services.AddSingleton<IApplicationQueries>(
            services => queries = new WriteBetweenReads(new SqlApplicationQueries(services.GetRequiredService<Database>()))));
        var id = await CommitmentFlow.SubmitAsync(host);
        queries!.Arm(() => SignAsync(host, id));
        return (host, queries, id);
    }

    /// <summary>The applicant signs the archives commitment; returns once the engine has approved the step on it.</summary>
    private static async Task SignAsync(AllInOneHost host, Guid id)
    {
        var sha = CommitmentFlow.Step(await host.GetJsonAsync("zhangsan", $"/api/applications/{id}"), Archives)
            .GetProperty("commitment").GetProperty("textSha256").GetString();
        using var citizen = host.Client("zhangsan");
        (await citizen.PostAsJsonAsync($"/api/applications/{id}/commitments", new { step = Archives, accept = true, textSha256 = sha })).EnsureSuccessStatusCode();
        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}"),
            a => CommitmentFlow.Step(a, Archives).GetProperty("status").GetString() == "approved",
            "the approval on commitment");
    }

    /// <summary>
    /// The application queries, running a write once, when armed, just before the first read that follows the
    /// application's own (its steps, materials or audit lines), whether that read is in a snapshot or not.
    /// </summary>
    private sealed class WriteBetweenReads(IApplicationQueries inner) : DelegatingApplicationQueries(inner)
    {
        private Func<Task>? _write;
        private int _written;

        public bool Written => Volatile.Read(ref _written) == 1;

        public void Arm(Func<Task> write) => Volatile.Write(ref _write, write);

        public override async Task<IApplicationSnapshot> OpenSnapshotAsync(CancellationToken cancellationToken) =>
            new Snapshot(await base.OpenSnapshotAsync(cancellationToken), this);

        public override async Task<IReadOnlyList<StepRecord>> StepsAsync(Guid applicationId, CancellationToken cancellationToken)
        {
            await WriteOnceAsync();
            return await base.StepsAsync(applicationId, cancellationToken);
        }

        public override async Task<IReadOnlyList<MaterialRecord>> MaterialsAsync(Guid applicationId, CancellationToken cancellationToken)
        {
            await WriteOnceAsync();
            return await base.MaterialsAsync(applicationId, cancellationToken);
        }

        public override async Task<IReadOnlyList<AuditRecord>> AuditAsync(Guid applicationId, CancellationToken cancellationToken)
        {
            await WriteOnceAsync();
            return await base.AuditAsync(applicationId, cancellationToken);
        }

        private async Task WriteOnceAsync()
        {
            // Disarmed before it runs: the write's own requests read the application too.
            if (Interlocked.Exchange(ref _write, null) is { } write)
            {
                await write();
                Volatile.Write(ref _written, 1);
            }
        }

        private sealed class Snapshot(IApplicationSnapshot inner, WriteBetweenReads queries) : IApplicationSnapshot
        {
            public Task<ApplicationRecord?> GetAsync(Guid id, CancellationToken cancellationToken) => inner.GetAsync(id, cancellationToken);

            public async Task<IReadOnlyList<StepRecord>> StepsAsync(Guid applicationId, CancellationToken cancellationToken)
            {
                await queries.WriteOnceAsync();
                return await inner.StepsAsync(applicationId, cancellationToken);
            }

            public async Task<IReadOnlyList<MaterialRecord>> MaterialsAsync(Guid applicationId, CancellationToken cancellationToken)
            {
                await queries.WriteOnceAsync();
                return await inner.MaterialsAsync(applicationId, cancellationToken);
            }

            public async Task<IReadOnlyList<AuditRecord>> AuditAsync(Guid applicationId, CancellationToken cancellationToken)
            {
                await queries.WriteOnceAsync();
                return await inner.AuditAsync(applicationId, cancellationToken);
            }

            public Task<IReadOnlyList<NotificationRecord>> NotificationsAsync(Guid applicationId, CancellationToken cancellationToken) =>
                inner.NotificationsAsync(applicationId, cancellationToken);

            public Task<IReadOnlyList<CertificateRecord>> CertificatesAsync(Guid applicationId, CancellationToken cancellationToken) =>
                inner.CertificatesAsync(applicationId, cancellationToken);

            public ValueTask DisposeAsync() => inner.DisposeAsync();
        }
    }
}
