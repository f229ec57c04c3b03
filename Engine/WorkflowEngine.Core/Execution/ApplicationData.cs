namespace WorkflowEngine.Core.Execution;

/// <summary>
/// What the interpreter may read of the application: its identity and typed form values for conditions. The values
/// are produced on first use, so transitions that read no condition never parse the form.
/// </summary>
public sealed class ApplicationData
{
    private readonly Lazy<IReadOnlyDictionary<string, object?>> _form;

    public ApplicationData(Guid id, string trackingNumber, IReadOnlyDictionary<string, object?> form)
        : this(id, trackingNumber, () => form)
    {
    }

    public ApplicationData(Guid id, string trackingNumber, Func<IReadOnlyDictionary<string, object?>> form)
    {
        Id = id;
        TrackingNumber = trackingNumber;
        _form = new Lazy<IReadOnlyDictionary<string, object?>>(form, LazyThreadSafetyMode.None);
    }

    public Guid Id { get; }

    public string TrackingNumber { get; }

    public IReadOnlyDictionary<string, object?> Form => _form.Value;
}
