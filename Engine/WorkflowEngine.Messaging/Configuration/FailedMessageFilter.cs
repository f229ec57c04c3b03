using MassTransit;

namespace WorkflowEngine.Messaging.Configuration;

/// <summary>
/// The first filter of every endpoint's error pipe: records the failed message and tells the receive observers, before
/// MassTransit moves it to <c>&lt;queue&gt;_error</c>.
/// </summary>
public sealed class FailedMessageFilter(FailedMessageRecorder recorder) : IFilter<ExceptionReceiveContext>
{
    public async Task Send(ExceptionReceiveContext context, IPipe<ExceptionReceiveContext> next)
    {
        await recorder.RecordAsync(context, $"{context.Exception.GetType().Name}: {context.Exception.Message}");
        if (!context.IsFaulted)
        {
            // Receive observers (monitoring) hear of the fault, as MassTransit's own fault filter would tell them; no
            // Fault event is published.
            await context.NotifyFaulted(context.Exception);
        }

        await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("recordFailedMessage");
}
