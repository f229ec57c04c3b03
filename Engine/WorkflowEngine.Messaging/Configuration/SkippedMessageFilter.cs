using MassTransit;

namespace WorkflowEngine.Messaging.Configuration;

/// <summary>The first filter of every endpoint's dead-letter pipe: a message no consumer on its queue takes is recorded as failed.</summary>
public sealed class SkippedMessageFilter(FailedMessageRecorder recorder) : IFilter<ReceiveContext>
{
    public async Task Send(ReceiveContext context, IPipe<ReceiveContext> next)
    {
        await recorder.RecordAsync(context, "这条队列上没有处理该类型消息的程序（消息类型不属于本队列，或不受支持）");
        await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("recordSkippedMessage");
}
