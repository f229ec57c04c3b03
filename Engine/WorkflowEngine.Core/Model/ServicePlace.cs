namespace WorkflowEngine.Core.Model;

/// <summary>办理地点: the service hall, its street address and the window that receives the application.</summary>
public sealed record ServicePlace
{
    public LocalizedText? Hall { get; init; }

    public LocalizedText? Address { get; init; }

    public LocalizedText? Window { get; init; }
}
