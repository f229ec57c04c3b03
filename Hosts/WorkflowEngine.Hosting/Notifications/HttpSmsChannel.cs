using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using WorkflowEngine.Runtime.Notifications;

namespace WorkflowEngine.Hosting.Notifications;

/// <summary>
/// SMS through a government SMS platform's HTTP interface: <c>POST</c> of <c>{"id","phone","text"}</c> as JSON, with
/// <c>X-Sms-Timestamp</c> (Unix seconds) and <c>X-Sms-Signature</c>, the lower-case hex HMAC-SHA256 under the shared
/// secret of the timestamp, a line feed and the body's bytes (<see cref="Sign"/>). The id is the same on every attempt
/// of one message, for a gateway that drops repeats. A 2xx is sent; a 4xx other than 408 and 429 is refused for good;
/// anything else is tried again.
/// </summary>
public sealed class HttpSmsChannel(SmsChannelOptions options, TimeProvider time) : INotificationChannel, IDisposable
{
    public const string TimestampHeader = "X-Sms-Timestamp";
    public const string SignatureHeader = "X-Sms-Signature";
    public const string KeyIdHeader = "X-Sms-Key-Id";

    private readonly HttpClient _client = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
    };

    public string Name => NotificationChannelNames.Sms;

    /// <summary>The signature of <paramref name="body"/> sent at <paramref name="timestamp"/>, as the gateway checks it.</summary>
    public static string Sign(string secret, string timestamp, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(body);
        var signed = Encoding.UTF8.GetBytes(timestamp + "\n").Concat(body).ToArray();
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    public Task SendAsync(NotificationDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return SendTextAsync($"notification-{delivery.Sequence}", delivery.Recipient, delivery.Body, cancellationToken);
    }

    /// <summary>
    /// Texts <paramref name="text"/> to <paramref name="phone"/> under <paramref name="id"/>, which the gateway may use to
    /// drop a repeat: a message that is not an outbox row (a registration code) brings an id of its own.
    /// </summary>
    public async Task SendTextAsync(string id, string phone, string text, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new { id, phone, text });
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(TimestampHeader, timestamp);
        request.Headers.Add(SignatureHeader, Sign(options.Secret!, timestamp, body));
        if (!string.IsNullOrEmpty(options.KeyId))
        {
            request.Headers.Add(KeyIdHeader, options.KeyId);
        }

        using var response = await _client.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var said = await response.Content.ReadAsStringAsync(cancellationToken);
        var reason = $"The SMS gateway answered {(int)response.StatusCode} {response.ReasonPhrase}{(said.Length > 0 ? ": " + (said.Length > 500 ? said[..500] : said) : "")}";
        var status = (int)response.StatusCode;
        if (status is >= 400 and < 500 && response.StatusCode is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests))
        {
            throw new NotificationRejectedException(reason);
        }

        throw new HttpRequestException(reason, null, response.StatusCode);
    }

    public void Dispose() => _client.Dispose();
}
