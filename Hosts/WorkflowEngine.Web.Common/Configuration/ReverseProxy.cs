using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;

namespace WorkflowEngine.Hosting.Configuration;

/// <summary>
/// Section <c>ReverseProxy</c>: the proxies (<c>KnownProxies</c>, addresses) and networks (<c>KnownNetworks</c>, CIDR)
/// whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> the host believes. Behind a TLS-terminating proxy this is
/// what lets the host see the client's address (per-address rate limits, the sign-in record) and that the request was
/// HTTPS (Secure cookies, the platform sign-in's return address). Unset, the headers are ignored from everyone: a
/// client that writes them itself must not choose the address it is limited and recorded by.
/// </summary>
public static class ReverseProxy
{
    public const string Section = "ReverseProxy";

    /// <summary>The forwarded-headers options the section asks for, or null when it names no proxy; a bad entry stops the host.</summary>
    public static ForwardedHeadersOptions? From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var proxies = Entries(section.GetSection("KnownProxies"));
        var networks = Entries(section.GetSection("KnownNetworks"));
        if (proxies.Length == 0 && networks.Length == 0)
        {
            return null;
        }

        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            // One proxy in front unless told otherwise: only the address it saw is taken, never one the client wrote before it.
            ForwardLimit = ForwardLimit(section["ForwardLimit"]),
        };
        // ASP.NET Core trusts loopback by default; here only what the operator named is trusted.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var text in proxies)
        {
            options.KnownProxies.Add(IPAddress.TryParse(text, out var address)
                ? address
                : throw new InvalidOperationException($"{Section}:KnownProxies entry '{text}' is not an IP address such as 10.0.0.5 or fd00::5."));
        }

        foreach (var text in networks)
        {
            options.KnownIPNetworks.Add(Network(text) is { } network
                ? network
                : throw new InvalidOperationException($"{Section}:KnownNetworks entry '{text}' is not a network such as 10.0.0.0/8 (the address with no host bits set, then the prefix length)."));
        }

        return options;
    }

    /// <summary>
    /// A network in CIDR form whose address has no host bits: <c>10.0.0.1/8</c> is refused rather than read as
    /// <c>10.0.0.0/8</c>, since whoever wrote it may have meant one proxy and would trust sixteen million addresses.
    /// </summary>
    private static System.Net.IPNetwork? Network(string text) =>
        System.Net.IPNetwork.TryParse(text, out var network)
        && IPAddress.TryParse(text.AsSpan(0, Math.Max(0, text.IndexOf('/', StringComparison.Ordinal))), out var written)
        && network.BaseAddress.Equals(written)
            ? network
            : null;

    /// <summary>A list given as array entries (<c>KnownProxies:0=…</c>) or as one value separated by commas.</summary>
    private static string[] Entries(IConfigurationSection section)
    {
        var values = section.GetChildren().Select(c => c.Value).Append(section.Value);
        return values
            .SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToArray();
    }

    private static int ForwardLimit(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return 1;
        }

        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= 10
            ? limit
            : throw new InvalidOperationException($"{Section}:ForwardLimit '{text}' is not the number of proxies in front of the host (1 to 10).");
    }
}
