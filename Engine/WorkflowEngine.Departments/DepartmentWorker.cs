using Microsoft.Extensions.Logging;
using WorkflowEngine.Contracts;

namespace WorkflowEngine.Runtime.Departments;

/// <summary>
/// What a department host does with a step from its queue: an automated handler decides it at once when one is
/// registered for its key; otherwise (or if the handler fails) it becomes a task in the clerks' queue.
/// </summary>
public sealed partial class DepartmentWorker(DepartmentProcessor processor, IEnumerable<IAutomatedStepHandler> handlers, ILogger<DepartmentWorker> logger)
{
    private readonly Dictionary<string, IAutomatedStepHandler> _handlers =
        handlers.ToDictionary(h => h.Key, StringComparer.Ordinal);

    /// <param name="body">
    /// The step as it arrived, the engine's JSON, kept as the task's payload as it is; null to write the payload from
    /// <paramref name="step"/>.
    /// </param>
    public async Task<TaskRecord?> ReceiveAsync(ExecuteStep step, string messageId, string? body, CancellationToken cancellationToken)
    {
        AutomatedResult? result = null;
        string? note = null;
        string? noteEn = null;
        if (step.Handler is { } key)
        {
            if (_handlers.TryGetValue(key, out var handler))
            {
                try
                {
                    result = await handler.HandleAsync(step, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogHandlerFailed(ex, key, step.TrackingNumber, step.StepId);
                    note = $"自动办理程序“{key}”出错（{ex.Message}），已转人工办理";
                    noteEn = $"The automated handler \"{key}\" failed ({ex.Message}); a clerk decides the step instead";
                }
            }
            else
            {
                LogNoHandler(key, step.Department);
                note = $"本部门主机未登记自动办理程序“{key}”，已转人工办理";
                noteEn = $"This department's host has no automated handler \"{key}\"; a clerk decides the step instead";
            }
        }

        return await processor.ReceiveAsync(new ReceiveStepWork(step, messageId, body, result, note, noteEn), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Automated handler {Handler} failed on {TrackingNumber}/{StepId}; the step goes to a clerk")]
    private partial void LogHandlerFailed(Exception ex, string handler, string trackingNumber, string stepId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No automated handler {Handler} on the host of {Department}; the step goes to a clerk")]
    private partial void LogNoHandler(string handler, string department);
}
