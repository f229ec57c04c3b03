namespace WorkflowEngine.Definitions.Calendars;

/// <summary>
/// A date that a year's arrangement and an already-loaded neighbouring year both name, differently: at
/// <see cref="Path"/> of the arrangement, <see cref="Said"/> against the loaded year's <see cref="Loaded"/> (each
/// 节假日（name） or 调休上班日（name）, and in English).
/// </summary>
public sealed record CalendarDayClash(string Path, DateOnly Date, int Year, int LoadedYear, (string Zh, string En) Said, (string Zh, string En) Loaded)
{
    public string Message =>
        $"{Date:yyyy-MM-dd}：本安排（{Year} 年）定为{Said.Zh}，已载入的 {LoadedYear} 年安排定为{Loaded.Zh}；两年对同一天的安排须一致，请先改正其中一年";

    public string MessageEn =>
        $"{Date:yyyy-MM-dd}: this arrangement ({Year}) makes it {Said.En}, but the loaded {LoadedYear} arrangement makes it {Loaded.En}; the two years must agree on the day: correct one of them first";
}
