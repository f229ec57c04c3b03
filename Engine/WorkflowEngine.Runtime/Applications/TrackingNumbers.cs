using System.Security.Cryptography;
using WorkflowEngine.Calendars;

namespace WorkflowEngine.Runtime.Applications;

/// <summary>
/// Tracking numbers applicants can read out at a window: <c>YB</c>, the Shanghai date, and eight characters of a
/// confusion-free alphabet (no I, O, 0, 1), e.g. <c>YB20261126-7K3M9Q2X</c>.
/// </summary>
public static class TrackingNumbers
{
    private const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    public static string New(DateTimeOffset now)
    {
        Span<char> suffix = stackalloc char[8];
        for (var i = 0; i < suffix.Length; i++)
        {
            suffix[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return $"YB{ChinaTime.DateOf(now):yyyyMMdd}-{suffix}";
    }
}
