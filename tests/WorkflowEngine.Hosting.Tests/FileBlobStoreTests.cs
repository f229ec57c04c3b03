using System.Security.Cryptography;
using WorkflowEngine.Runtime.Materials;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>The material store on disk: what an upload leaves behind, small or large, accepted or refused.</summary>
public sealed class FileBlobStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("blobs-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData(45)]
    [InlineData(FileBlobStore.InMemoryLimit - 1)]
    [InlineData(FileBlobStore.InMemoryLimit)]
    [InlineData(FileBlobStore.InMemoryLimit + 1)]
    [InlineData(3 * FileBlobStore.InMemoryLimit + 17)]
    public async Task AnUpload_IsStoredWhole_UnderItsHash_WithNothingLeftBehind(int size)
    {
        var content = RandomNumberGenerator.GetBytes(size);
        var store = new FileBlobStore(_root);

        // A network stream hands over a few bytes at a time.
        var stored = await store.PutAsync(new TrickleStream(content, 1000), size, CancellationToken.None);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), stored.Sha256);
        Assert.Equal(size, stored.Size);
        await using var read = store.OpenRead(stored.Sha256)!;
        var back = new MemoryStream();
        await read.CopyToAsync(back);
        Assert.Equal(content, back.ToArray());
        Assert.Empty(Temporaries());
    }

    [Theory]
    [InlineData(100, 99)]
    [InlineData(FileBlobStore.InMemoryLimit + 10, FileBlobStore.InMemoryLimit)]
    [InlineData(2 * FileBlobStore.InMemoryLimit, FileBlobStore.InMemoryLimit + 5)]
    public async Task AnOversizedUpload_IsRefused_AndWhatWasStoredBeforeStays(int size, int maxBytes)
    {
        var store = new FileBlobStore(_root);
        var earlier = await store.PutAsync(new MemoryStream([1, 2, 3]), 1024, CancellationToken.None);

        var refused = await Assert.ThrowsAsync<BlobTooLargeException>(
            () => store.PutAsync(new MemoryStream(RandomNumberGenerator.GetBytes(size)), maxBytes, CancellationToken.None));

        Assert.Equal(maxBytes, refused.MaxBytes);
        Assert.Empty(Temporaries());
        Assert.Single(Directory.GetFiles(_root, "*", SearchOption.AllDirectories));
        await using var read = store.OpenRead(earlier.Sha256)!;
        Assert.Equal(3, read.Length);
    }

    [Fact]
    public async Task TheSameContentTwice_IsStoredOnce()
    {
        var store = new FileBlobStore(_root);
        var content = RandomNumberGenerator.GetBytes(5000);

        var first = await store.PutAsync(new MemoryStream(content), 10_000, CancellationToken.None);
        var second = await store.PutAsync(new MemoryStream(content), 10_000, CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Single(Directory.GetFiles(_root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task ManyFirstUploadsAtOnce_IntoAStoreWhoseFoldersDoNotExistYet_AllSucceed()
    {
        // Each racing upload finds the folder missing, and another one makes it in between: this failed one run in
        // three of the benchmark with "Could not find file …/.upload-…".
        const int Rounds = 100, Uploads = 16;
        for (var round = 0; round < Rounds; round++)
        {
            var store = new FileBlobStore(Path.Combine(_root, $"store-{round}"));
            var contents = Enumerable.Range(0, Uploads).Select(_ => RandomNumberGenerator.GetBytes(100)).ToArray();
            using var start = new ManualResetEventSlim();
            var uploads = contents.Select(c => Task.Factory.StartNew(
                () =>
                {
                    start.Wait();
                    return store.PutAsync(new MemoryStream(c), 1024, CancellationToken.None);
                },
                TaskCreationOptions.LongRunning).Unwrap()).ToArray();
            start.Set();

            var stored = await Task.WhenAll(uploads);

            Assert.Equal(contents.Select(c => Convert.ToHexStringLower(SHA256.HashData(c))), stored.Select(s => s.Sha256));
        }

        Assert.Equal(Rounds * Uploads, Directory.GetFiles(_root, "*", SearchOption.AllDirectories).Length);
    }

    private string[] Temporaries() => Directory.GetFiles(_root, ".upload-*", SearchOption.AllDirectories);

    /// <summary>Returns at most <c>chunk</c> bytes per read, as a request body arriving over the network does.</summary>
    private sealed class TrickleStream(byte[] content, int chunk) : MemoryStream(content)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
    }
}
