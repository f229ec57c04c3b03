using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Runtime.Materials;

/// <summary>The largest file a material takes: its own <c>maxSizeMb</c> within the installation's cap, for the store and the pages alike.</summary>
public static class MaterialLimits
{
    public static long MaxBytesOf(MaterialSpec spec, long installationMaxBytes) =>
        Math.Min(installationMaxBytes, spec.MaxSizeMb is { } mb ? (long)(mb * 1024 * 1024) : long.MaxValue);
}
