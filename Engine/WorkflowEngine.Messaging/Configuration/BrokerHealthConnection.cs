using System.Net.Security;
using RabbitMQ.Client;

namespace WorkflowEngine.Messaging.Configuration;

/// <summary>
/// The connection <c>/health</c> checks the broker on (AspNetCore.HealthChecks.Rabbitmq asks for one on every check):
/// one, to the host, port, virtual host, user and TLS the bus uses, kept while it is open and made again once it is not,
/// so that a check tells whether the broker can be reached now, not when the host started.
/// </summary>
public sealed class BrokerHealthConnection(RabbitMqOptions broker) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;

    public async Task<IConnection> GetAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_connection is { IsOpen: true } open)
            {
                return open;
            }

            if (_connection is not null)
            {
                await _connection.DisposeAsync();
                _connection = null;
            }

            _connection = await Factory().CreateConnectionAsync("workflow-engine health", cancellationToken);
            return _connection;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        _gate.Dispose();
    }

    /// <summary>No automatic recovery: a connection the broker dropped must show as a failed check, not as one recovering.</summary>
    private ConnectionFactory Factory() => new()
    {
        HostName = broker.Host,
        Port = broker.Port,
        VirtualHost = broker.VirtualHost,
        UserName = broker.Username,
        Password = broker.Password,
        AutomaticRecoveryEnabled = false,
        RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
        // As the bus checks the broker's certificate (see AddWorkflowMessaging): its chain and its name.
        Ssl = broker.UseTls ? new SslOption(broker.Host) { Enabled = true, AcceptablePolicyErrors = SslPolicyErrors.None } : new SslOption(),
    };
}
