using System.Security.Cryptography;
using System.Text;

namespace WorkflowEngine.Hosting.Identity;

/// <summary>
/// A department host's credential at the engine (section <c>ServiceAccounts</c>, a list): its name, the SHA-256 of its
/// token (hex; the engine never holds the token itself) and the departments it serves (comma-separated). With it the
/// host fetches the materials its departments' steps use, for the clerk holding the step, and nothing else.
/// </summary>
public sealed class ServiceAccount
{
    public string Name { get; set; } = "";

    public string TokenSha256 { get; set; } = "";

    public string Departments { get; set; } = "";

    public IReadOnlyList<string> DepartmentCodes =>
        Departments.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The hex SHA-256 of a token, as <c>TokenSha256</c> holds it (<c>build.ps1 up</c> writes both sides).</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Whether <paramref name="token"/> is this account's, compared in constant time.</summary>
    public bool Accepts(string token)
    {
        var expected = TokenSha256.Trim().ToLowerInvariant();
        var given = Hash(token);
        return expected.Length == given.Length
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(given));
    }
}
