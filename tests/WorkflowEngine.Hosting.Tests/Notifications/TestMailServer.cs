using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace WorkflowEngine.Hosting.Tests.Notifications;

/// <summary>
/// A real SMTP server (the SmtpServer package) on a free loopback port, keeping what it accepts; it answers the first
/// <c>failFirst</c> messages with 451 (try again later), as a busy server does.
/// </summary>
internal sealed class TestMailServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private int _refusalsLeft;

    private TestMailServer(int port, int failFirst)
    {
        Port = port;
        _refusalsLeft = failFirst;
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public int Port { get; }

    /// <summary>The messages accepted, in order.</summary>
    public ConcurrentQueue<MimeMessage> Received { get; } = new();

    /// <summary>How many times a message was answered 451.</summary>
    public int Refused { get; private set; }

    public static TestMailServer Start(int failFirst = 0)
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new TestMailServer(port, failFirst);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private sealed class Store(TestMailServer server) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (Interlocked.Decrement(ref server._refusalsLeft) >= 0)
            {
                server.Refused++;
                return new SmtpResponse((SmtpReplyCode)451, "Requested action aborted: try again later");
            }

            using var stream = new MemoryStream(buffer.ToArray());
            server.Received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
