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

    /// <summary>
    /// <c>TokenSha256</c> as bytes; empty when it is no SHA-256 in hex (such an entry accepts no token). Compared in
    /// constant time by <see cref="ServiceAccountDirectory"/>.
    /// </summary>
    public byte[] HashBytes()
    {
        var hex = TokenSha256.Trim();
        if (hex.Length != SHA256.HashSizeInBytes * 2)
        {
            return [];
        }

        try
        {
            return Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return [];
        }
    }
}
