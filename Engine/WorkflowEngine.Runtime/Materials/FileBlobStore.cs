using System.Buffers;
using System.Security.Cryptography;

namespace WorkflowEngine.Runtime.Materials;

/// <summary>
/// Material files on local disk under <c>&lt;root&gt;/ab/abcdef…</c>. New content is written to a temporary file and
/// moved into place, so a file under its hash is always whole. Content up to <see cref="InMemoryLimit"/> (most scans and
/// forms) is hashed in memory first: content already stored costs no file work at all.
/// </summary>
public sealed class FileBlobStore(string root) : IBlobStore
{
    /// <summary>Uploads up to this size are read whole before anything touches the disk.</summary>
    public const int InMemoryLimit = 256 * 1024;

    private const int ChunkSize = 81920;

    public async Task<StoredBlob> PutAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(InMemoryLimit);
        try
        {
            // One byte more than allowed is enough to refuse the upload.
            var window = (int)Math.Min(InMemoryLimit, maxBytes + 1);
            var head = await ReadUpToAsync(content, buffer.AsMemory(0, window), cancellationToken);
            if (head > maxBytes)
            {
                throw new BlobTooLargeException(maxBytes);
            }

            if (head < window)
            {
                // The stream ended inside the window: the whole content is in memory.
                var sha = Convert.ToHexStringLower(SHA256.HashData(buffer.AsSpan(0, head)));
                var target = PathOf(sha);
                if (!File.Exists(target))
                {
                    // One write of what is already in memory: done on this thread, where an asynchronous file write
                    // on Linux is handed to another thread and back.
                    var whole = buffer.AsMemory(0, head);
                    await WriteThenMoveAsync(
                        file =>
                        {
                            file.Write(whole.Span);
                            return Task.FromResult((target, true));
                        },
                        asynchronous: false);
                }

                return new StoredBlob(sha, head);
            }

            return await StreamAsync(content, buffer, head, maxBytes, cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Fills <paramref name="memory"/> as far as the stream goes; returns how many bytes it read.</summary>
    private static async Task<int> ReadUpToAsync(Stream content, Memory<byte> memory, CancellationToken cancellationToken)
    {
        var total = 0;
        int read;
        while (total < memory.Length && (read = await content.ReadAsync(memory[total..], cancellationToken)) > 0)
        {
            total += read;
        }

        return total;
    }

    /// <summary>Content larger than the in-memory limit: hashed while it is written to a temporary file.</summary>
    private Task<StoredBlob> StreamAsync(Stream content, byte[] buffer, int head, long maxBytes, CancellationToken cancellationToken) =>
        WriteThenMoveAsync(
            async file =>
            {
                long size = head;
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                hash.AppendData(buffer, 0, head);
                await file.WriteAsync(buffer.AsMemory(0, head), cancellationToken);
                int read;
                while ((read = await content.ReadAsync(buffer.AsMemory(0, ChunkSize), cancellationToken)) > 0)
                {
                    size += read;
                    if (size > maxBytes)
                    {
                        throw new BlobTooLargeException(maxBytes);
                    }

                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }

                var sha = Convert.ToHexStringLower(hash.GetHashAndReset());
                return (PathOf(sha), new StoredBlob(sha, size));
            },
            asynchronous: true);

    /// <summary>
    /// Writes a temporary file, then moves it under the path the writer names. The temporary file never stays behind:
    /// not when the upload is refused or fails, and not when the same content is already stored.
    /// </summary>
    private async Task<T> WriteThenMoveAsync<T>(Func<FileStream, Task<(string Target, T Result)>> write, bool asynchronous)
    {
        var temp = TemporaryPath();
        var moved = false;
        try
        {
            (string Target, T Result) written;
            await using (var file = CreateTemporary(temp, asynchronous))
            {
                written = await write(file);
            }

            moved = MoveIntoPlace(temp, written.Target);
            return written.Result;
        }
        finally
        {
            if (!moved)
            {
                DeleteTemporary(temp);
            }
        }
    }

    private string TemporaryPath() => Path.Combine(root, $".upload-{Guid.NewGuid():N}");

    /// <summary>Moves the temporary file under its hash; false when that content is already there.</summary>
    private static bool MoveIntoPlace(string temp, string target)
    {
        try
        {
            try
            {
                File.Move(temp, target, overwrite: false);
            }
            catch (IOException ex) when (IsMissingFolder(ex))
            {
                // The first content under this prefix (or its folder was removed): the one time the folder is made.
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Move(temp, target, overwrite: false);
            }

            return true;
        }
        catch (IOException) when (File.Exists(target))
        {
            // The same content is already stored, perhaps by a concurrent upload that won the race.
            return false;
        }
    }

    /// <summary>
    /// A file could not be created in a folder that is not there. .NET reports it as a missing file rather than a
    /// missing folder when another upload made the folder in between, so both count.
    /// </summary>
    private static bool IsMissingFolder(IOException ex) => ex is DirectoryNotFoundException or FileNotFoundException;

    private static void DeleteTemporary(string temp)
    {
        try
        {
            File.Delete(temp);
        }
        catch (IOException)
        {
            // Never created (its folder was gone): nothing to clean up.
        }
    }

    /// <summary>Creates the temporary file, and the store's folder the first time (or after someone removed it).</summary>
    private FileStream CreateTemporary(string path, bool asynchronous)
    {
        try
        {
            return Create(path, asynchronous);
        }
        catch (IOException ex) when (IsMissingFolder(ex))
        {
            Directory.CreateDirectory(root);
            return Create(path, asynchronous);
        }

        // No buffer of its own: every write is already a whole chunk.
        static FileStream Create(string path, bool asynchronous) =>
            new(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, useAsync: asynchronous);
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
