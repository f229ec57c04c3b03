using MassTransit;

namespace WorkflowEngine.Messaging.Configuration;

/// <summary>
/// The first filter of every endpoint's dead-letter pipe: a message no consumer on its queue takes is recorded as failed
/// and moved on to <c>&lt;queue&gt;_skipped</c>. Except a message of a contract type added after this host's release
/// (<see cref="FailedMessageRecorder.AddedLater"/>), which a newer engine or department host sends during a rolling
/// upgrade: the contract's version rule says to acknowledge and ignore it, so it is kept as ignored, not as a failure,
/// and acknowledged rather than moved, to be sent again once the host is upgraded.
/// </summary>
public sealed class SkippedMessageFilter(FailedMessageRecorder recorder) : IFilter<ReceiveContext>
{
    public async Task Send(ReceiveContext context, IPipe<ReceiveContext> next)
    {
        if (FailedMessageRecorder.AddedLater(context) is { } type)
        {
            await recorder.RecordAsync(
                context,
                $"本主机的版本不认识消息类型 {type}（消息合同版本 1 在本主机发布之后增加的类型）：按版本规则确认并忽略，不是故障；升级本主机后可重发",
                ignoredType: type);
            return;
        }

        await recorder.RecordAsync(context, "这条队列上没有处理该类型消息的程序（消息类型不属于本队列，或不受支持）");
        await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("recordSkippedMessage");
}
