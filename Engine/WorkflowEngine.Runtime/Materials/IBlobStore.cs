namespace WorkflowEngine.Runtime.Materials;

/// <summary>Keeps material files by the SHA-256 of their content: an upload is stored once, however many steps use it.</summary>
public interface IBlobStore
{
    /// <summary>Stores the stream, refusing more than <paramref name="maxBytes"/>; returns the content hash and size.</summary>
    Task<StoredBlob> PutAsync(Stream content, long maxBytes, CancellationToken cancellationToken);

    Stream? OpenRead(string sha256);
}

/// <summary>A stored file's content hash and size.</summary>
public sealed record StoredBlob(string Sha256, long Size);
