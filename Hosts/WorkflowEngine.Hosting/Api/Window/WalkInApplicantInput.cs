using System.Text.Json.Nodes;
using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Forms;
using WorkflowEngine.Definitions.Forms;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Applications;

namespace WorkflowEngine.Hosting.Api.Window;

/// <summary>
/// The applicant block the window staff fill for a citizen who walked in: name, type and number of the identity
/// document (居民身份证 with its check digit, or a company's 统一社会信用代码 with its check character) and a phone
/// number, checked by the same rules as the form's fields of those types. Errors are keyed <c>applicant.&lt;field&gt;</c>
/// and said in the language of <see cref="FormMessages"/>.
/// </summary>
public static class WalkInApplicantInput
{
    public const int MaxNameLength = 64;

    /// <summary>The identity document types the window takes, in the order the page offers them.</summary>
    public static readonly IReadOnlyList<string> IdTypes = [WalkInIntake.ResidentId, WalkInIntake.Uscc];

    /// <summary>The checked block, normalised (trimmed; a resident ID's x and a code's letters upper case), or null with the errors.</summary>
    public static WalkInApplicant? Read(JsonNode? block, DateTimeOffset now, Dictionary<string, string[]> errors)
    {
        var o = block as JsonObject;
        var name = Text(o, "name");
        var idType = Text(o, "idType");
        var idNumber = Text(o, "idNumber")?.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var phone = Text(o, "phone")?.Replace(" ", "", StringComparison.Ordinal);

        if (string.IsNullOrEmpty(name))
        {
            errors["applicant.name"] = [FormMessages.Say("请填写申请人姓名或单位名称", "enter the applicant's name or the company's name")];
        }
        else if (name.Length > MaxNameLength)
        {
            errors["applicant.name"] = [FormMessages.Say($"姓名或名称不能超过 {MaxNameLength} 个字符", $"a name has at most {MaxNameLength} characters")];
        }
        else if (SignInInput.Unprintable(name) is { } code)
        {
            errors["applicant.name"] = [FormMessages.Say($"姓名或名称含有不可见或控制字符（{code}），请重新输入", $"the name contains an invisible or control character ({code}); type it again")];
        }

        if (idType is null || !IdTypes.Contains(idType))
        {
            errors["applicant.idType"] = [FormMessages.Say("请选择证件类型：居民身份证（resident-id）或统一社会信用代码（uscc）", "choose the type of identity: resident-id (居民身份证) or uscc (统一社会信用代码)")];
        }
        else if (string.IsNullOrEmpty(idNumber))
        {
            errors["applicant.idNumber"] = [FormMessages.Say("请填写证件号码", "enter the identity number")];
        }
        else if (idType == WalkInIntake.ResidentId ? !ResidentIdNumber.TryValidate(idNumber, ChinaTime.DateOf(now), out var idError) : !UnifiedSocialCreditCode.TryValidate(idNumber, out idError))
        {
            errors["applicant.idNumber"] = [idError!];
        }

        if (string.IsNullOrEmpty(phone))
        {
            errors["applicant.phone"] = [FormMessages.Say("请填写联系电话", "enter a phone number")];
        }
        else if (!ApplicationFormValidator.IsPhoneNumber(phone))
        {
            errors["applicant.phone"] = [ApplicationFormValidator.PhoneNumberProblem];
        }

        return errors.Keys.Any(k => k.StartsWith("applicant.", StringComparison.Ordinal)) ? null : new WalkInApplicant(name!, idType!, idNumber!, phone!);
    }

    private static string? Text(JsonObject? o, string key) =>
        o?[key] is JsonValue v && v.TryGetValue<string>(out var text) ? text.Trim() : null;
}
