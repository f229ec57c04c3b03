using System.Text.RegularExpressions;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// The shipped definitions with 企业开办's step limits cut to seconds of working time (yellow at three quarters of them)
/// and its escalation to a fifth of that after the red card, and the clock offset that puts host processes on a Monday
/// at 09:00 in Shanghai: so the steps' deadline timers come due while the crash tests kill and restart the processes,
/// whatever the hour outside.
/// </summary>
internal static partial class CrashDefinitions
{
    /// <summary>
    /// Monday 2 November 2026, 09:00 Asia/Shanghai: three office hours before the lunch break, and after the completion
    /// date the 联合验收 applications give (a completion in the future is refused).
    /// </summary>
    private static readonly DateTimeOffset OfficeMorning = new(2026, 11, 2, 9, 0, 0, TimeSpan.FromHours(8));

    /// <summary>
    /// Copies the definitions under <paramref name="directory"/> with each step limited to <paramref name="seconds"/> of
    /// working time, and returns the copy's folder.
    /// </summary>
    public static string WithShortLimits(DirectoryInfo directory, int seconds)
    {
        var target = Path.Combine(directory.FullName, "definitions");
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Definitions, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(RepositoryPaths.Definitions, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        var businessOpening = Path.Combine(target, "services", "business-opening.yaml");
        var yaml = File.ReadAllText(businessOpening);
        var limit = Hours(seconds);
        var after = Hours(Math.Max(1, seconds / 5));
        var shortened = StepLimit().Replace(yaml, m => m.Groups["key"].Value == "limit" ? $"limit: {{ workingHours: {limit} }}" : $"after: {{ workingHours: {after} }}");
        if (StepLimit().Count(yaml) < 8)
        {
            throw new InvalidOperationException("企业开办 no longer has its eight hour limits (seven steps and the escalation); update the crash tests.");
        }

        File.WriteAllText(businessOpening, shortened);
        return target;
    }

    /// <summary>The <c>Clock:Offset</c> argument that puts a host started now at <see cref="OfficeMorning"/>.</summary>
    public static string ClockOffsetArgument()
    {
        var offset = OfficeMorning - DateTimeOffset.UtcNow;
        return $"--Clock:Offset={TimeSpan.FromSeconds(Math.Round(offset.TotalSeconds)):c}";
    }

    private static string Hours(int seconds) => (seconds / 3600m).ToString("0.######", System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(?<key>limit|after): \{ workingHours: \d+ \}")]
    private static partial Regex StepLimit();
}
