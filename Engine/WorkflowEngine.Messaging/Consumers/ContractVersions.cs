namespace WorkflowEngine.Messaging.Consumers;

/// <summary>The contract versions this release reads; anything else goes to the error queue untouched.</summary>
internal static class ContractVersions
{
    public const int Supported = 1;

    public static void Check(string message, int version)
    {
        if (version != Supported)
        {
            throw new InvalidMessageException($"{message} 合同版本 {version} 不受支持（支持 {Supported}）");
        }
    }
}
