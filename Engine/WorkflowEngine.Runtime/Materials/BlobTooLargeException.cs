namespace WorkflowEngine.Runtime.Materials;

/// <summary>An upload went past the size its material allows; nothing of it was kept.</summary>
public sealed class BlobTooLargeException(long maxBytes)
    : Exception($"文件超过 {maxBytes / 1024d / 1024d:0.#} MB 的上限")
{
    public long MaxBytes { get; } = maxBytes;
}
