using System.Globalization;
using System.Text.RegularExpressions;
using FluentValidation;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Definitions.Validation;

/// <summary>
/// The service guide (办事指南, <c>guide:</c>) and the steps' <c>legalBasis</c>: texts a citizen reads, so each is
/// present where written, bounded in length, and the figures are ones a hall could print — phone numbers that can be
/// dialled, fees in 元 to the fen, a number of visits a service could promise.
/// </summary>
public sealed partial class DefinitionValidator
{
    /// <summary>The most laws and regulations one bundle or step may cite.</summary>
    public const int MaxLegalBasis = 20;

    /// <summary>The longest citation, e.g. 《中华人民共和国市场主体登记管理条例》第十九条 with a short gloss.</summary>
    public const int MaxCitationLength = 200;

    /// <summary>The longest of the guide's prose texts (办理对象与受理条件).</summary>
    public const int MaxGuideTextLength = 1000;

    /// <summary>The longest hall, address, window, hours note, fee name or fee basis.</summary>
    public const int MaxGuideLineLength = 200;

    public const int MaxFeeItems = 20;

    /// <summary>The largest fee a guide may state, in 元: far above any administrative fee.</summary>
    public const decimal MaxFeeAmount = 1_000_000m;

    private const string MaxFeeText = "1000000";

    /// <summary>到现场次数: more than this is not a one-stop service (最多跑一次 asks for one).</summary>
    public const int MaxVisits = 5;

    private void Guide(DefinitionCandidate candidate, ValidationContext<DefinitionCandidate> ctx)
    {
        foreach (var node in candidate.AllNodes.Where(n => n.LegalBasis is not null))
        {
            var path = node.Path + ".legalBasis";
            if (_registry.TryGet(node.ActivityKey, out var activity) && !activity.Descriptor.Tracked)
            {
                Fail(ctx, path, "legalBasis（设定依据）只用于部门办理的步骤或阶段；整件事的依据写在 guide.legalBasis",
                    "legalBasis (the legal basis) is only for a step a department carries out or a stage; the bundle's goes under guide.legalBasis");
                continue;
            }

            Citations(ctx, node.LegalBasis!, path);
        }

        if (candidate.Definition.Guide is not { } guide)
        {
            return;
        }

        if (guide.LegalBasis is { } basis)
        {
            Citations(ctx, basis, "guide.legalBasis");
        }

        GuideText(ctx, guide.Eligibility, "guide.eligibility", MaxGuideTextLength);
        GuideText(ctx, guide.HoursNote, "guide.hoursNote", MaxGuideLineLength);
        if (guide.Place is { } place)
        {
            if (place.Address is null)
            {
                Fail(ctx, "guide.place", "办理地点 guide.place 须写明地址 address", "The place guide.place gives its address");
            }

            GuideText(ctx, place.Hall, "guide.place.hall", MaxGuideLineLength);
            GuideText(ctx, place.Address, "guide.place.address", MaxGuideLineLength);
            GuideText(ctx, place.Window, "guide.place.window", MaxGuideLineLength);
        }

        Phone(ctx, guide.ConsultationPhone, "guide.consultationPhone");
        Phone(ctx, guide.ComplaintPhone, "guide.complaintPhone");
        if (guide.Fees is { } fees)
        {
            Fees(ctx, fees);
        }

        if (guide.Visits is { } visits and (< 0 or > MaxVisits))
        {
            Fail(ctx, "guide.visits", $"visits（到现场次数）须为 0 至 {MaxVisits}（现为 {visits}）", $"visits (how often the applicant comes to the hall) is 0 to {MaxVisits}; it is {visits}");
        }

        if (guide.Delivery is { } delivery)
        {
            if (delivery.Count == 0)
            {
                Fail(ctx, "guide.delivery", "结果送达方式 delivery 至少列出一种：window（窗口领取）、post（邮寄送达）或 electronic（电子证照）", "delivery lists at least one way: window, post or electronic");
            }
            else if (delivery.GroupBy(d => d).FirstOrDefault(g => g.Count() > 1) is { } twice)
            {
                Fail(ctx, "guide.delivery", $"结果送达方式“{Name(twice.Key)}”重复", $"The delivery \"{Name(twice.Key)}\" is listed twice");
            }
            else if (guide.Visits == 0 && delivery.All(d => d == ResultDelivery.Window))
            {
                Fail(ctx, "guide.delivery", "到现场 0 次（visits: 0）的事项须提供邮寄送达 post 或电子证照 electronic，不能只有窗口领取", "A service with no visit to the hall (visits: 0) offers post or electronic delivery, not collection at the window alone");
            }
        }
    }

    /// <summary>A delivery as the file writes it.</summary>
    private static string Name(ResultDelivery delivery) => delivery switch
    {
        ResultDelivery.Window => "window",
        ResultDelivery.Post => "post",
        _ => "electronic",
    };

    private static void Citations(ValidationContext<DefinitionCandidate> ctx, IReadOnlyList<LocalizedText> citations, string path)
    {
        if (citations.Count == 0)
        {
            Fail(ctx, path, "设定依据 legalBasis 不能为空列表（没有依据时省略它）", "legalBasis cannot be an empty list (leave it out when there is none)");
        }
        else if (citations.Count > MaxLegalBasis)
        {
            Fail(ctx, path, $"设定依据 legalBasis 最多 {MaxLegalBasis} 条，现有 {citations.Count} 条", $"legalBasis has at most {MaxLegalBasis} entries; there are {citations.Count}");
        }

        for (var i = 0; i < Math.Min(citations.Count, MaxLegalBasis); i++)
        {
            if (citations[i] is null)
            {
                Fail(ctx, $"{path}[{i}]", "设定依据应为文本，或含 zh、en 的对象", "A legal basis is text, or an object with zh and en");
            }
            else
            {
                GuideText(ctx, citations[i], $"{path}[{i}]", MaxCitationLength);
            }
        }
    }

    /// <summary>A text of the guide: Chinese not blank, English not blank where given, neither longer than <paramref name="max"/>.</summary>
    private static void GuideText(ValidationContext<DefinitionCandidate> ctx, LocalizedText? text, string path, int max)
    {
        if (text is null)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(text.Zh))
        {
            Fail(ctx, path, "内容不能为空", "The text cannot be empty");
        }
        else if (text.En is not null && string.IsNullOrWhiteSpace(text.En))
        {
            Fail(ctx, path + ".en", "英文内容 en 不能为空（不需要英文时省略 en）", "The English text en cannot be empty (leave en out when there is none)");
        }

        if (Math.Max(text.Zh.Length, text.En?.Length ?? 0) > max)
        {
            Fail(ctx, path, $"内容超过 {max} 个字符", $"The text is longer than {max} characters");
        }
    }

    /// <summary>
    /// A number a citizen can dial: a landline with its area code (0571-12345678, an extension after a second dash), a
    /// mobile number, a government or service hotline (12345, 12366, 95588, 96xxx) or a 400 number.
    /// </summary>
    private static void Phone(ValidationContext<DefinitionCandidate> ctx, string? phone, string path)
    {
        if (phone is null)
        {
            return;
        }

        if (phone.Length > 20 || !PhonePattern().IsMatch(phone))
        {
            Fail(ctx, path, $"电话号码“{MessageText.Quote(phone, 30)}”格式不正确：固定电话写区号-号码（如 0571-12345678），或写手机号码、12345 等服务热线、400 号码",
                $"The phone number \"{MessageText.Quote(phone, 30)}\" has the wrong form: a landline is area code-number (such as 0571-12345678); otherwise a mobile number, a hotline such as 12345, or a 400 number");
        }
    }

    private static void Fees(ValidationContext<DefinitionCandidate> ctx, GuideFees fees)
    {
        GuideText(ctx, fees.Note, "guide.fees.note", MaxGuideLineLength);
        var items = fees.Items ?? [];
        if (fees.Free && items.Count > 0)
        {
            Fail(ctx, "guide.fees", "收费标准只能写 free: true（不收费）或列出收费项目 items，不能两者都写", "fees is either free: true or a list of items, not both");
            return;
        }

        if (!fees.Free && items.Count == 0)
        {
            Fail(ctx, "guide.fees", "收费标准须写明 free: true（不收费），或列出收费项目 items（名称 name、金额 amount、单位 unit: 元、依据 basis）", "fees says free: true, or lists the items charged (name, amount, unit: \"元\", basis)");
            return;
        }

        if (items.Count > MaxFeeItems)
        {
            Fail(ctx, "guide.fees.items", $"收费项目最多 {MaxFeeItems} 项，现有 {items.Count} 项", $"fees has at most {MaxFeeItems} items; there are {items.Count}");
        }

        for (var i = 0; i < Math.Min(items.Count, MaxFeeItems); i++)
        {
            var path = $"guide.fees.items[{i}]";
            if (items[i] is not { } item)
            {
                Fail(ctx, path, "收费项目应为对象：{ name, amount, unit: 元, basis }", "A fee item is an object: { name, amount, unit: \"元\", basis }");
                continue;
            }

            if (item.Name is null)
            {
                Fail(ctx, path, "收费项目须写明名称 name", "A fee item gives its name");
            }

            if (item.Basis is null)
            {
                Fail(ctx, path, "收费项目须写明收费依据 basis（如物价部门的收费文件）", "A fee item gives its basis (such as the pricing authority's document)");
            }

            GuideText(ctx, item.Name, path + ".name", MaxGuideLineLength);
            GuideText(ctx, item.Basis, path + ".basis", MaxGuideLineLength);
            if (item.Amount is not { } amount)
            {
                Fail(ctx, path, "收费项目须写明金额 amount（单位为元，如 10 或 2.50）", "A fee item gives its amount (in yuan, such as 10 or 2.50)");
            }
            else if (amount < 0 || amount > MaxFeeAmount || decimal.Round(amount, 2) != amount)
            {
                var text = amount.ToString(CultureInfo.InvariantCulture);
                Fail(ctx, path + ".amount", $"金额 amount 须为 0 至 {MaxFeeText} 元、最多两位小数（到分），现为 {text}",
                    $"amount is 0 to {MaxFeeText} yuan with at most two decimals (to the fen); it is {text}");
            }

            if (item.Unit != FeeItem.Yuan)
            {
                Fail(ctx, item.Unit is null ? path : path + ".unit", $"收费单位 unit 须为“{FeeItem.Yuan}”", $"The unit of a fee is \"{FeeItem.Yuan}\" (yuan)");
            }
        }
    }

    [GeneratedRegex("^(0[0-9]{2,3}-[0-9]{7,8}(-[0-9]{1,6})?|1[3-9][0-9]{9}|(12|95|96)[0-9]{3,4}|400-?[0-9]{3}-?[0-9]{4})$")]
    private static partial Regex PhonePattern();
}
