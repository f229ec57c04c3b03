namespace WorkflowEngine.Runtime.Stores;

/// <summary>
/// Someone else saved what a batch had read (an application, a task, an extension request) between our read and our
/// write; the work is retried on fresh state. Names every application whose record was found changed, the first few in
/// the message.
/// </summary>
public sealed class ConcurrencyException : Exception
{
    /// <summary>How many the message names before it says how many more there are.</summary>
    public const int Named = 5;

    public ConcurrencyException(Guid applicationId)
        : this([applicationId])
    {
    }

    public ConcurrencyException(IReadOnlyList<Guid> applicationIds)
        : this(applicationIds, applicationIds.Count == 1
            ? $"Application {applicationIds[0]} was changed concurrently."
            : $"{applicationIds.Count} applications were changed concurrently: {List(applicationIds)}.")
    {
    }

    /// <param name="applicationIds">The applications of what was changed, the first the one <see cref="ApplicationId"/> names.</param>
    /// <param name="message">What was changed, in words.</param>
    public ConcurrencyException(IReadOnlyList<Guid> applicationIds, string message)
        : base(message)
    {
        ApplicationIds = applicationIds;
    }

    /// <summary>The first application changed meanwhile (<see cref="Guid.Empty"/> when a message was consumed twice).</summary>
    public Guid ApplicationId => ApplicationIds.Count > 0 ? ApplicationIds[0] : Guid.Empty;

    /// <summary>Every application found changed meanwhile, in the batch's order.</summary>
    public IReadOnlyList<Guid> ApplicationIds { get; }

    /// <summary>The first <see cref="Named"/> items, then how many more: "a, b, c, d, e and 7 more".</summary>
    public static string List<T>(IReadOnlyCollection<T> items) =>
        string.Join(", ", items.Take(Named)) + (items.Count > Named ? $" and {items.Count - Named} more" : "");
}
