namespace WorkflowEngine.Core.Model;

/// <summary>A department that owns steps, with the queue its host consumes.</summary>
public sealed record Department(string Code, LocalizedText Name, string? Description = null)
{
    /// <summary>The message queue of this department: <c>dept.&lt;code&gt;</c>.</summary>
    public string QueueName => QueueNameOf(Code);

    public static string QueueNameOf(string code) => "dept." + code;
}
