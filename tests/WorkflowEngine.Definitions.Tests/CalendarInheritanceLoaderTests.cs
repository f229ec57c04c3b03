using WorkflowEngine.Definitions.Calendars;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Definitions.Tests;

/// <summary>
/// Calendar files that inherit another calendar (<c>inherits: cn-mainland</c>): what they may leave out, what they may
/// add, and the errors, at their line, for a parent that does not exist or a chain that comes back on itself.
/// </summary>
public sealed class CalendarInheritanceLoaderTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("calendars-");

    public void Dispose() => _root.Delete(recursive: true);

    private void Write(string id, string header, params (string Name, string Text)[] files)
    {
        var directory = _root.CreateSubdirectory(id);
        File.WriteAllText(Path.Combine(directory.FullName, "calendar.yaml"), header);
        foreach (var (name, text) in files)
        {
            File.WriteAllText(Path.Combine(directory.FullName, name), text);
        }
    }

    private void WriteParent() => Write("cn-mainland", File.ReadAllText(Path.Combine(RepositoryPaths.Definitions, "calendars", "cn-mainland", "calendar.yaml")));

    [Fact]
    public void TheShippedCalendars_IncludeOneInheritingCnMainland_WithItsOwnOfficeHoursOnly()
    {
        var reference = ReferenceData.Load(RepositoryPaths.Definitions);
        var hall = reference.Calendar("cn-mainland-extended-hours");
        var national = reference.Calendar("cn-mainland");

        Assert.Equal(("cn-mainland", "cn-mainland"), (hall.Data.Inherits, hall.Data.YearsFrom));
        Assert.Empty(hall.Data.Changes);
        Assert.Equal(national.AnnouncedYears.Order(), hall.AnnouncedYears.Order());
        Assert.Equal(8, hall.HoursPerDay);
        Assert.Equal(national.Zone, hall.Zone);
        Assert.Equal(("国庆节", "cn-mainland"), (hall.Describe(new DateOnly(2026, 10, 1)).Name, hall.Describe(new DateOnly(2026, 10, 1)).Source));
    }

    [Fact]
    public void AnInheritingCalendar_MayLeaveOutOfficeHours_AndWorkAWeekendForItsParentsHoliday()
    {
        WriteParent();
        Write("local", "id: local\ninherits: cn-mainland\nname: { zh: 地方日历 }\n", ("2026.yaml", """
            year: 2026
            source: 测试用（非官方）
            holidays:
              - { name: 地方节日, from: 2026-04-20, to: 2026-04-21 }
            makeUpWorkdays:
              - { date: 2026-04-26, for: 地方节日 }
              - { date: 2026-10-03, for: 国庆节 }
            """));

        var declared = CalendarLoader.LoadDirectory(_root.FullName);
        var local = new ReferenceData([], declared).Calendar("local");

        Assert.Equal(7, local.HoursPerDay);
        Assert.Equal(("地方节日", "local"), (local.Describe(new DateOnly(2026, 4, 20)).Name, local.Describe(new DateOnly(2026, 4, 20)).Source));
        Assert.True(local.IsWorkingDay(new DateOnly(2026, 10, 3)));
        Assert.Empty(local.AnnouncedYears);
    }

    [Fact]
    public void AnUnknownParent_IsAnErrorAtItsLine()
    {
        WriteParent();
        Write("hall", "id: hall\nname: { zh: 大厅 }\ninherits: cn-mainlnad\n");

        var error = Assert.Single(Assert.Throws<CalendarLoadException>(() => CalendarLoader.LoadDirectory(_root.FullName)).Errors);

        Assert.Equal((Path.Combine(_root.FullName, "hall", "calendar.yaml"), 3, "inherits"), (error.File, error.Line, error.Path));
        Assert.Contains("cn-mainlnad", error.Message, StringComparison.Ordinal);
        Assert.Contains("cn-mainland", error.Message.Replace("cn-mainlnad", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void ACycle_IsAnErrorAtTheInheritsLineOfEachCalendarCaughtInIt()
    {
        WriteParent();
        Write("a", "id: a\ninherits: b\n");
        Write("b", "# b\nid: b\ninherits: a\n");
        Write("c", "id: c\ninherits: a\n");

        var errors = Assert.Throws<CalendarLoadException>(() => CalendarLoader.LoadDirectory(_root.FullName)).Errors;

        // c is not in the cycle, but inherits into it: it cannot be counted either.
        Assert.All(errors, e => Assert.Equal("inherits", e.Path));
        Assert.Equal(
            [("a", 2), ("b", 3), ("c", 2)],
            errors.Where(e => e.Message.Contains("成环", StringComparison.Ordinal)).Select(e => (Path.GetFileName(Path.GetDirectoryName(e.File))!, e.Line)).Order());
    }

    [Fact]
    public void AnInheritingCalendar_InheritingItself_OrSettingItsOwnTimeZone_IsRefused()
    {
        Write("self", "id: self\ninherits: self\n");
        Assert.Contains(Assert.Throws<CalendarLoadException>(() => CalendarLoader.LoadDirectory(_root.FullName)).Errors,
            e => e.Path == "inherits" && e.Line == 2 && e.Message.Contains("不能继承自己", StringComparison.Ordinal));

        _root.GetDirectories("self").Single().Delete(recursive: true);
        WriteParent();
        Write("zone", "id: zone\ninherits: cn-mainland\ntimeZone: Asia/Urumqi\n");
        Assert.Contains(Assert.Throws<CalendarLoadException>(() => CalendarLoader.LoadDirectory(_root.FullName)).Errors,
            e => e.Path == "timeZone" && e.Line == 3);
    }
}
