using MassTransit;

namespace WorkflowEngine.Messaging.Configuration;

/// <summary>The first filter of every endpoint's error pipe: records the failed message before MassTransit moves it to <c>&lt;queue&gt;_error</c>.</summary>
public sealed class FailedMessageFilter(FailedMessageRecorder recorder) : IFilter<ExceptionReceiveContext>
{
    public async Task Send(ExceptionReceiveContext context, IPipe<ExceptionReceiveContext> next)
    {
        await recorder.RecordAsync(context, $"{context.Exception.GetType().Name}: {context.Exception.Message}");
        await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("recordFailedMessage");
}
