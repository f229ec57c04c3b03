using System.Globalization;
using System.Text.RegularExpressions;
using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Definitions.Yaml;

namespace WorkflowEngine.Definitions.Calendars;

/// <summary>
/// Loads calendars from <c>calendars/&lt;id&gt;/calendar.yaml</c> and one <c>&lt;year&gt;.yaml</c> per official notice,
/// so an administrator adds next year's arrangement by dropping in one file.
/// </summary>
public static partial class CalendarLoader
{
    /// <summary>
    /// Every calendar under the folder, as declared (see <see cref="CalendarInheritance"/> for how an inheriting one counts).
    /// A calendar that inherits an unknown one, or whose <c>inherits</c> chain comes back to it, is an error at that line.
    /// </summary>
    public static IReadOnlyList<CalendarData> LoadDirectory(string calendarsRoot)
    {
        if (!Directory.Exists(calendarsRoot))
        {
            return [];
        }

        var loaded = Directory.GetDirectories(calendarsRoot)
            .Where(d => File.Exists(Path.Combine(d, "calendar.yaml")))
            .Order(StringComparer.Ordinal)
            .Select(LoadDeclared)
            .ToArray();
        var parents = loaded.GroupBy(c => c.Data.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Data.Inherits, StringComparer.Ordinal);
        var errors = new List<DefinitionError>();
        foreach (var (data, at) in loaded)
        {
            if (data.Inherits is not { } parent)
            {
                continue;
            }

            if (!parents.ContainsKey(parent))
            {
                errors.Add(at with { Message = $"继承的工作日历“{parent}”不存在（可用：{string.Join(", ", parents.Keys.Where(k => k != data.Id).Order(StringComparer.Ordinal))}）" });
            }
            else if (CalendarInheritance.ParentsOf(data.Id, parents) is { Cycle: true } chain)
            {
                errors.Add(at with { Message = $"工作日历继承成环：{data.Id} → {string.Join(" → ", chain.Parents)} → …；每个日历只能继承一个不继承它的日历" });
            }
        }

        return errors.Count > 0 ? throw new CalendarLoadException(errors) : [.. loaded.Select(c => c.Data)];
    }

    public static CalendarData Load(string directory) => LoadDeclared(directory).Data;

    /// <summary>One calendar's files, with where its <c>inherits</c> is written (for errors about the parent it names).</summary>
    private static (CalendarData Data, DefinitionError At) LoadDeclared(string directory)
    {
        var errors = new List<DefinitionError>();
        var headerPath = Path.Combine(directory, "calendar.yaml");
        var header = Read<CalendarFile>(File.ReadAllText(headerPath), headerPath, errors, out var headerReader) ?? new CalendarFile();
        var inherits = string.IsNullOrWhiteSpace(header.Inherits) ? null : header.Inherits.Trim();
        var office = new List<OfficePeriod>();
        for (var i = 0; i < (header.OfficeHours?.Count ?? 0); i++)
        {
            var text = header.OfficeHours![i];
            var match = OfficePeriodPattern().Match(text);
            if (!match.Success
                || !TimeOnly.TryParseExact(match.Groups[1].Value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
                || !TimeOnly.TryParseExact(match.Groups[2].Value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end)
                || end <= start)
            {
                Report(headerReader, errors, headerPath, $"officeHours[{i}]", $"办公时间“{text}”应写作 HH:mm-HH:mm，且结束晚于开始");
                continue;
            }

            office.Add(new OfficePeriod(start, end));
        }

        // An inheriting calendar takes its parent's office hours unless it gives its own.
        if (office.Count == 0 && inherits is null)
        {
            Report(headerReader, errors, headerPath, "officeHours", "缺少办公时间 officeHours");
        }

        // The national arrangement is dated in its parent's zone: an inheriting calendar counts in the same one.
        if (inherits is not null && header.TimeZone is not null)
        {
            Report(headerReader, errors, headerPath, "timeZone", $"继承“{inherits}”的日历沿用其时区，不另写 timeZone");
        }

        var id = header.Id ?? Path.GetFileName(directory);
        if (inherits == id)
        {
            Report(headerReader, errors, headerPath, "inherits", $"工作日历“{id}”不能继承自己");
        }

        var years = new List<CalendarYear>();
        foreach (var file in Directory.GetFiles(directory).Where(f => YearFilePattern().IsMatch(Path.GetFileName(f))).Order(StringComparer.Ordinal))
        {
            if (Read<CalendarYearFile>(File.ReadAllText(file), file, errors, out var yearReader) is { } year)
            {
                var expectedYear = int.Parse(Path.GetFileNameWithoutExtension(file), CultureInfo.InvariantCulture);
                years.Add(ToYear(year, expectedYear, ownChanges: inherits is not null, (at, message) => Report(yearReader, errors, file, at, message)));
            }
        }

        if (errors.Count > 0)
        {
            throw new CalendarLoadException(errors);
        }

        var (line, column) = headerReader?.Map.Resolve("inherits") ?? (1, 1);
        var data = new CalendarData(
            id,
            header.Name?.Zh ?? id,
            inherits is null ? header.TimeZone ?? "Asia/Shanghai" : "",
            office,
            inherits is null ? years : [])
        {
            NameEn = header.Name?.En,
            Inherits = inherits,
            Changes = inherits is null ? [] : years,
        };
        return (data, new DefinitionError(headerPath, line, column, "inherits", ""));
    }

    /// <summary>
    /// Reads one year's arrangement given as text (an administrator loads the year's notice), checked as the year files
    /// are; <paramref name="file"/> names it in the errors, and <paramref name="expectedYear"/> (the year the
    /// administrator addressed) is the one its <c>year</c> must say. With <paramref name="loaded"/> (the calendar's years
    /// as they stand), a date it names differently from another loaded year is an error at its key
    /// (<see cref="CalendarYearClashes"/>). With <paramref name="ownChanges"/> it is an inheriting calendar's own days of
    /// the year over its parent's notice, checked as its year files are. Never throws for what the text holds: errors come back.
    /// </summary>
    public static (CalendarYear? Year, IReadOnlyList<DefinitionError> Errors) ReadYear(
        string text, string file, int? expectedYear = null, IEnumerable<CalendarYear>? loaded = null, bool ownChanges = false)
    {
        var errors = new List<DefinitionError>();
        if (Read<CalendarYearFile>(text, file, errors, out var reader) is not { } parsed || errors.Count > 0)
        {
            return (null, errors.Count > 0 ? errors : [new DefinitionError(file, 1, 1, "", "年度安排为空")]);
        }

        var year = ToYear(parsed, expectedYear, ownChanges, (at, message) => Report(reader, errors, file, at, message));
        if (errors.Count == 0 && loaded is not null)
        {
            foreach (var clash in CalendarYearClashes.Of(year, loaded))
            {
                Report(reader, errors, file, clash.Path, clash.Message, clash.MessageEn);
            }
        }

        return errors.Count > 0 ? (null, errors) : (year, []);
    }

    private static void Report(DocumentReader? reader, List<DefinitionError> errors, string file, string at, string message, string? messageEn = null)
    {
        var (line, column) = reader?.Map.Resolve(at) ?? (1, 1);
        errors.Add(new DefinitionError(file, line, column, at, message) { MessageEn = messageEn });
    }

    /// <summary>
    /// One year checked. <paramref name="ownChanges"/>: an inheriting calendar's own days over its parent's notice, where a
    /// worked weekend may be for a holiday of the parent's (or another reason) rather than one of its own file.
    /// </summary>
    private static CalendarYear ToYear(CalendarYearFile file, int? expectedYear, bool ownChanges, Action<string, string> error)
    {
        if (expectedYear is { } expected && file.Year != expected)
        {
            error("year", $"year 应为 {expected}（与文件名一致）");
        }

        if (file.Year < WorkingCalendar.FirstSupportedDate.Year + 1 || file.Year > WorkingCalendar.LastSupportedDate.Year - 1)
        {
            error("year", $"year 应为 {WorkingCalendar.FirstSupportedDate.Year + 1}–{WorkingCalendar.LastSupportedDate.Year - 1} 之间的年份");
            return new CalendarYear(file.Year, file.Source, [], []);
        }

        // A notice may reach a few days across the turn of the year (元旦 from 30 December), never further.
        var first = new DateOnly(file.Year, 1, 1).AddDays(-31);
        var last = new DateOnly(file.Year, 12, 31).AddDays(31);
        bool Outside(DateOnly d) => d < first || d > last;

        var offDays = new HashSet<DateOnly>();
        var holidays = new List<HolidayPeriod>();
        for (var i = 0; i < (file.Holidays?.Count ?? 0); i++)
        {
            var h = file.Holidays![i];
            if (string.IsNullOrWhiteSpace(h.Name) || h.From == default || h.To < h.From)
            {
                error($"holidays[{i}]", "假期须有名称 name，from 不晚于 to");
                continue;
            }

            if (Outside(h.From) || Outside(h.To))
            {
                error($"holidays[{i}]", $"假期“{h.Name}”（{h.From:yyyy-MM-dd} 至 {h.To:yyyy-MM-dd}）不在 {file.Year} 年内");
                continue;
            }

            if (Enumerable.Range(0, h.To.DayNumber - h.From.DayNumber + 1).Any(n => offDays.Contains(h.From.AddDays(n))))
            {
                error($"holidays[{i}]", $"假期“{h.Name}”与前面的假期有重叠的日期");
                continue;
            }

            for (var d = h.From; d <= h.To; d = d.AddDays(1))
            {
                offDays.Add(d);
            }

            holidays.Add(new HolidayPeriod(h.Name, h.From, h.To));
        }

        var makeUps = new List<MakeUpWorkday>();
        for (var i = 0; i < (file.MakeUpWorkdays?.Count ?? 0); i++)
        {
            var m = file.MakeUpWorkdays![i];
            if (m.Date == default || Outside(m.Date))
            {
                error($"makeUpWorkdays[{i}]", $"调休上班日 {m.Date:yyyy-MM-dd} 不在 {file.Year} 年内");
                continue;
            }

            if (makeUps.Any(other => other.Date == m.Date))
            {
                error($"makeUpWorkdays[{i}]", $"调休上班日 {m.Date:yyyy-MM-dd} 写了两次");
            }

            // Every exception to the week carries its reason: a make-up workday names the holiday it pays for.
            if (string.IsNullOrWhiteSpace(m.For))
            {
                error($"makeUpWorkdays[{i}]", $"调休上班日 {m.Date:yyyy-MM-dd} 须以 for 写明为哪个假期调休（如 for: 春节）");
            }
            else if (!ownChanges && !holidays.Any(h => h.Name == m.For))
            {
                error($"makeUpWorkdays[{i}].for", $"调休上班日 {m.Date:yyyy-MM-dd} 所对应的假期“{m.For}”不在本年的假期中");
            }

            if (m.Date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                error($"makeUpWorkdays[{i}]", $"调休上班日 {m.Date:yyyy-MM-dd} 不是周末");
            }

            if (offDays.Contains(m.Date))
            {
                error($"makeUpWorkdays[{i}]", $"{m.Date:yyyy-MM-dd} 既是假期又是调休上班日");
            }

            makeUps.Add(new MakeUpWorkday(m.Date, m.For ?? ""));
        }

        return new CalendarYear(file.Year, file.Source, holidays, makeUps);
    }

    private static T? Read<T>(string text, string path, List<DefinitionError> errors, out DocumentReader? reader)
        where T : class
    {
        reader = null;
        try
        {
            var (root, map) = YamlJsonReader.Read(text);
            reader = new DocumentReader(path, map);
            var value = reader.Bind<T>(root, "");
            errors.AddRange(reader.Errors);
            return value;
        }
        catch (YamlSyntaxException ex)
        {
            errors.Add(new DefinitionError(path, ex.Line, ex.Column, "", ex.Message) { MessageEn = ex.MessageEn });
            return null;
        }
    }

    [GeneratedRegex(@"^\s*(\d{2}:\d{2})\s*-\s*(\d{2}:\d{2})\s*$")]
    private static partial Regex OfficePeriodPattern();

    [GeneratedRegex(@"^\d{4}\.ya?ml$")]
    private static partial Regex YearFilePattern();
}
