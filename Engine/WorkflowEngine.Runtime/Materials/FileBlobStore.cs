using System.Buffers;
using System.Security.Cryptography;

namespace WorkflowEngine.Runtime.Materials;

/// <summary>Material files on local disk under <c>&lt;root&gt;/ab/abcdef…</c>, written to a temporary file first and moved into place.</summary>
public sealed class FileBlobStore(string root) : IBlobStore
{
    private const int ChunkSize = 81920;

    public async Task<StoredBlob> PutAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        var temp = Path.Combine(root, $".upload-{Guid.NewGuid():N}");
        // One pooled chunk, and a file stream without its own buffer: every write is already a whole chunk.
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            long size = 0;
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var file = CreateTemporary(temp))
            {
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    size += read;
                    if (size > maxBytes)
                    {
                        throw new BlobTooLargeException(maxBytes);
                    }

                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }

            var sha = Convert.ToHexStringLower(hash.GetHashAndReset());
            var target = PathOf(sha);
            if (!File.Exists(target))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                try
                {
                    File.Move(temp, target, overwrite: false);
                }
                catch (IOException) when (File.Exists(target))
                {
                    // A concurrent upload of the same content won the race: the hash says it is identical.
                }
            }

            // Otherwise the same content is already stored, and the temporary copy is dropped below.
            return new StoredBlob(sha, size);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>Creates the temporary file, and the store's folder the first time (or after someone removed it).</summary>
    private FileStream CreateTemporary(string path)
    {
        try
        {
            return Create(path);
        }
        catch (DirectoryNotFoundException)
        {
            Directory.CreateDirectory(root);
            return Create(path);
        }

        static FileStream Create(string path) =>
            new(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, useAsync: true);
    }

    public Stream? OpenRead(string sha256)
    {
        var path = PathOf(sha256);
        return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true) : null;
    }

    private string PathOf(string sha256) =>
        sha256.Length == 64 && sha256.All(char.IsAsciiHexDigitLower)
            ? Path.Combine(root, sha256[..2], sha256)
            : throw new ArgumentException("Not a SHA-256 hex digest.", nameof(sha256));
}
