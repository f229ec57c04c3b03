using System.Text.Json.Nodes;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Runtime.Notifications;

/// <summary>
/// Where an applicant is reached: the form's first field of type <c>phone</c> and of type <c>email</c> that was filled
/// in. Accounts hold no telephone or address; a walk-in gives them at the window in the same form.
/// </summary>
public static class NotificationContacts
{
    public static (string? Phone, string? Email) Of(WorkflowDefinition definition, string formJson)
    {
        ArgumentNullException.ThrowIfNull(definition);
        JsonObject? form;
        try
        {
            form = JsonNode.Parse(formJson) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return (null, null);
        }

        return form is null ? (null, null) : (First(definition, form, FieldType.Phone), First(definition, form, FieldType.Email));
    }

    private static string? First(WorkflowDefinition definition, JsonObject form, FieldType type) =>
        definition.Form.Where(f => f.Type == type)
            .Select(f => form[f.Key] is JsonValue value && value.TryGetValue<string>(out var text) ? text.Trim() : null)
            .FirstOrDefault(text => !string.IsNullOrEmpty(text));
}
