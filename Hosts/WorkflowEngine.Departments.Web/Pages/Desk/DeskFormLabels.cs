using System.Text.Json.Nodes;

namespace WorkflowEngine.Hosting.Pages.Desk;

/// <summary>The form's labels as a step carries them (<c>formLabels</c>), in the definition's order, each in the page's language.</summary>
public static class DeskFormLabels
{
    public static (string Key, string Name, JsonArray? Options)[] Of(JsonObject? application) =>
        (application?["formLabels"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(l => (Key: l["key"]?.GetValue<string>(), Zh: l["label"]?.GetValue<string>(), En: l["labelEn"]?.GetValue<string>(), Options: l["options"] as JsonArray))
            .Where(l => l.Key is not null && l.Zh is not null)
            .DistinctBy(l => l.Key)
            .Select(l => (l.Key!, DeskText.Say(l.Zh!, l.En ?? l.Zh!), l.Options))
            .ToArray();
}
