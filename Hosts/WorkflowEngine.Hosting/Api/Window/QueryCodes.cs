using System.Security.Cryptography;
using System.Text;

namespace WorkflowEngine.Hosting.Api.Window;

/// <summary>
/// The query code (查询码) printed on a walk-in's receipt: eight characters of Crockford's base 32 (40 random bits),
/// shown as <c>ABCD-EFGH</c>. Read back forgivingly — any case, hyphens and spaces ignored, O as 0, I and L as 1 —
/// since a citizen types it from paper on a phone. Only its SHA-256 is stored.
/// </summary>
public static class QueryCodes
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const int Length = 8;

    public static string New()
    {
        var code = RandomNumberGenerator.GetString(Alphabet, Length);
        return $"{code[..4]}-{code[4..]}";
    }

    /// <summary>The hex SHA-256 of the code as normalised; null for text that cannot be a code.</summary>
    public static string? Hash(string? code)
    {
        if (code is null || code.Length > 32)
        {
            return null;
        }

        var normal = new StringBuilder(Length);
        foreach (var c in code.ToUpperInvariant())
        {
            if (c is '-' or ' ')
            {
                continue;
            }

            var mapped = c switch { 'O' => '0', 'I' or 'L' => '1', _ => c };
            if (!Alphabet.Contains(mapped, StringComparison.Ordinal))
            {
                return null;
            }

            normal.Append(mapped);
        }

        return normal.Length == Length ? Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(normal.ToString()))) : null;
    }

    /// <summary>
    /// What a code is compared with when no application has the number asked: the hash of no code that
    /// <see cref="Hash"/> accepts (it is not hex of a SHA-256), so nothing matches it, while the work is a real comparison's.
    /// </summary>
    public static readonly string UnknownNumberSha256 = new('u', 64);

    /// <summary>Whether <paramref name="code"/> is the one whose hash was stored, compared in constant time.</summary>
    public static bool Matches(string? code, string? storedSha256) => Compare(code, storedSha256).Matches;

    /// <summary>
    /// Compares <paramref name="code"/> with the stored hash, or, when none is stored (the number is unknown, or its
    /// application was made online), with <see cref="UnknownNumberSha256"/>: the same hashing and the same constant-time
    /// comparison either way, so that the time of the answer does not tell an unknown number from a wrong code.
    /// </summary>
    public static QueryCodeComparison Compare(string? code, string? storedSha256)
    {
        var against = storedSha256 ?? UnknownNumberSha256;
        var hash = Hash(code);
        var equal = hash is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hash), Encoding.ASCII.GetBytes(against));
        return new QueryCodeComparison(equal && storedSha256 is not null, AgainstUnknownNumber: storedSha256 is null, Hashed: hash is not null);
    }
}
