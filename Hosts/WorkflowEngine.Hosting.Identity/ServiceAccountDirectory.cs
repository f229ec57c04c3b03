using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace WorkflowEngine.Hosting.Identity;

/// <summary>
/// The engine's <c>ServiceAccounts</c>, bound from the configuration once, and again only when it is reloaded
/// (<c>hostBuilder:reloadConfigOnChange=true</c>): a request that brings a bearer token no longer walks the
/// configuration's providers and builds the list anew. A token is hashed once and compared with every account's hash in
/// constant time, all of them whichever matches, so the time an answer takes tells nothing of the hashes held.
/// </summary>
public sealed class ServiceAccountDirectory : IDisposable
{
    private readonly IDisposable? _reloads;
    private volatile Known[] _accounts;

    public ServiceAccountDirectory(IOptionsMonitor<List<ServiceAccount>> accounts)
    {
        _accounts = Load(accounts.CurrentValue);
        _reloads = accounts.OnChange(changed => _accounts = Load(changed));
    }

    /// <summary>The service account whose token this is; null for any other (a person's token, or none).</summary>
    public ServiceAccount? Find(string token)
    {
        var accounts = _accounts;
        if (token.Length == 0 || accounts.Length == 0)
        {
            return null;
        }

        var given = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        ServiceAccount? found = null;
        foreach (var known in accounts)
        {
            if (CryptographicOperations.FixedTimeEquals(known.Hash, given))
            {
                found ??= known.Account;
            }
        }

        return found;
    }

    public void Dispose() => _reloads?.Dispose();

    private static Known[] Load(List<ServiceAccount> accounts) => [.. accounts.Select(a => new Known(a, a.HashBytes()))];

    private sealed record Known(ServiceAccount Account, byte[] Hash);
}
