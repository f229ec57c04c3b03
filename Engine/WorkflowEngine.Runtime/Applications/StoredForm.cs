using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowEngine.Runtime.Applications;

/// <summary>
/// The applicant's form as stored, read without trusting it: one that is not a JSON object (damaged in the database,
/// or written there by hand) reads as null, and each reader decides what is safe without it.
/// </summary>
public static class StoredForm
{
    public static JsonObject? Read(string? formJson)
    {
        if (formJson is null)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(formJson) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Why the engine holds an application whose form it cannot read where it needs the answers (a condition to judge,
    /// a step to send): nothing is decided or sent on a guess, and the incident tells the administrator what is wrong.
    /// </summary>
    public static InvalidDataException Unreadable(ApplicationRecord application)
    {
        ArgumentNullException.ThrowIfNull(application);
        return new InvalidDataException(
            $"申请 {application.TrackingNumber} 保存的申请表无法读取（不是 JSON 对象），不能据此判断办理条件或派发事项，请核对该申请的表单数据"
            + $" (the stored form of application {application.TrackingNumber} cannot be read: it is not a JSON object)");
    }
}
