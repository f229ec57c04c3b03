namespace WorkflowEngine.Runtime.Processing;

/// <summary>A unit of work for a <see cref="GroupCommitter{TWork}"/>: it completes when the batch holding it commits.</summary>
public abstract class CommitWork
{
    private readonly TaskCompletionSource<object?> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<object?> Completion => _completion.Task;

    public void Succeed(object? result) => _completion.TrySetResult(result);

    public void Fail(Exception error) => _completion.TrySetException(error);

    public void Cancel() => _completion.TrySetCanceled();

    public bool IsDone => _completion.Task.IsCompleted;
}
