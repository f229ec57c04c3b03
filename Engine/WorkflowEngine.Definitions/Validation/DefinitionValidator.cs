using System.Globalization;
using System.Text.RegularExpressions;
using FluentValidation;
using FluentValidation.Results;
using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Activities;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Definitions.Forms;

namespace WorkflowEngine.Definitions.Validation;

/// <summary>
/// Everything a definition must satisfy before it can be published. Each failure's property name is the path in the
/// file (e.g. <c>flow.steps[1].department</c>), which the loader turns into a line.
/// </summary>
public sealed partial class DefinitionValidator : AbstractValidator<DefinitionCandidate>
{
    /// <summary>
    /// The longest definition id, step id, field key or material key: they name queues, URLs, audit lines and
    /// database keys, and a reader should be able to take them in at a glance.
    /// </summary>
    public const int MaxIdentifierLength = 64;

    /// <summary>Escalation rules per node or for the whole definition: enough for yellow, red and two later steps.</summary>
    public const int MaxEscalationRules = 5;

    private readonly ActivityRegistry _registry;
    private readonly ValidationEnvironment _environment;

    public DefinitionValidator(ActivityRegistry registry, ValidationEnvironment environment)
    {
        _registry = registry;
        _environment = environment;
        RuleFor(c => c).Custom((c, ctx) => Header(c.Definition, ctx));
        RuleFor(c => c).Custom((c, ctx) => Form(c.Definition, ctx));
        RuleFor(c => c).Custom(Nodes);
        RuleFor(c => c).Custom(Materials);
        RuleFor(c => c).Custom(Timing);
        RuleFor(c => c).Custom(Guide);
    }

    private void Header(WorkflowDefinition d, ValidationContext<DefinitionCandidate> ctx)
    {
        if (d.Id.Length > MaxIdentifierLength)
        {
            Fail(ctx, "id", $"定义标识“{MessageText.Quote(d.Id)}”超过 {MaxIdentifierLength} 个字符", $"The definition id \"{MessageText.Quote(d.Id)}\" is longer than {MaxIdentifierLength} characters");
        }
        else if (d.Id.Length > 0 && !IdPattern().IsMatch(d.Id))
        {
            Fail(ctx, "id", $"定义标识“{MessageText.Quote(d.Id)}”只能用小写字母、数字和 -，且以字母或数字开头", $"The definition id \"{MessageText.Quote(d.Id)}\" may use only lower-case letters, digits and -, and starts with a letter or digit");
        }

        if (d.Title.Zh.Length == 0 && d.Id.Length > 0)
        {
            Fail(ctx, "title", "事项名称 title 不能为空", "The service's name title cannot be empty");
        }

        if (!_environment.CalendarHoursPerDay.ContainsKey(d.CalendarId))
        {
            Fail(ctx, "calendar", $"未知工作日历“{d.CalendarId}”（可用：{string.Join(", ", _environment.CalendarHoursPerDay.Keys)}）", $"Unknown working calendar \"{MessageText.Quote(d.CalendarId)}\" (known: {string.Join(", ", _environment.CalendarHoursPerDay.Keys)})");
        }

        CheckLimit(ctx, d.Limits.Statutory, "timeLimits.statutory", "缺少法定时限 timeLimits.statutory", "The statutory limit timeLimits.statutory is missing");
        // A service that promises nothing shorter than the law is held to its statutory limit alone, as a step may be.
        if (d.Limits.Promised is not null || d.Limits.Statutory is null)
        {
            CheckLimit(ctx, d.Limits.Promised, "timeLimits.promised", "缺少承诺时限 timeLimits.promised", "The promised limit timeLimits.promised is missing");
        }

        if (d.Limits is { Statutory.IsWellFormed: true, Promised.IsWellFormed: true }
            && d.Limits.Promised.ToHours(HoursPerDay(d)) > d.Limits.Statutory.ToHours(HoursPerDay(d)))
        {
            Fail(ctx, "timeLimits.promised", $"承诺时限（{d.Limits.Promised}）不能长于法定时限（{d.Limits.Statutory}）", $"The promised limit ({d.Limits.Promised.ToEnglish()}) cannot be longer than the statutory limit ({d.Limits.Statutory.ToEnglish()})");
        }

        if (d.Limits.YellowShare is { } share)
        {
            CheckYellowShare(ctx, share, "timeLimits.yellowShare");
        }

        if (d.Limits.Escalation is { } escalation)
        {
            CheckEscalation(ctx, escalation, "timeLimits.escalation");
        }

        if (d.Limits.Extension is { } extension)
        {
            CheckExtension(ctx, extension, "timeLimits.extension", d.Limits.Promised, d.Limits.Statutory, HoursPerDay(d), "整件事", "The bundle");
        }

        Supplements(d, ctx);
    }

    /// <summary>A share of a limit strictly between nothing and all of it: at 0 every clock starts yellow, at 1 yellow never comes before red.</summary>
    private static void CheckYellowShare(ValidationContext<DefinitionCandidate> ctx, double share, string path)
    {
        if (!(share is > 0 and < 1))
        {
            Fail(ctx, path, $"yellowShare 是用去多少时限时亮黄牌，须在 0 与 1 之间（如 0.75 即用去四分之三时），现为 {share.ToString(CultureInfo.InvariantCulture)}", $"yellowShare is the share of the limit used when the yellow card shows and lies between 0 and 1 (0.75: when three quarters are used); it is {share.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    /// <summary>
    /// Escalation rules (升级督办): each follows a yellow or red card, optionally after a well-formed working time, and
    /// does something — raises the task's priority or has the supervisors supervise it. A handful at most per node.
    /// </summary>
    private static void CheckEscalation(ValidationContext<DefinitionCandidate> ctx, IReadOnlyList<EscalationRule> rules, string path)
    {
        if (rules.Count > MaxEscalationRules)
        {
            Fail(ctx, path, $"escalation 最多 {MaxEscalationRules} 条规则，现有 {rules.Count} 条", $"escalation has at most {MaxEscalationRules} rules; there are {rules.Count}");
        }

        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            var at = $"{path}[{i}]";
            if (rule is null)
            {
                Fail(ctx, at, "升级规则应为一个对象，如 { card: red, priority: urgent, supervise: true }", "An escalation rule is an object, such as { card: red, priority: urgent, supervise: true }");
                continue;
            }

            if (rule.Card is not (EscalationNames.Yellow or EscalationNames.Red))
            {
                if (rule.Card is null)
                {
                    Fail(ctx, at + ".card", "升级规则须写明跟随哪张预警牌：card: yellow（黄牌）或 card: red（红牌）", "An escalation rule says which card it follows: card: yellow or card: red");
                }
                else
                {
                    Fail(ctx, at + ".card", $"card 只能是 yellow（黄牌）或 red（红牌），现为“{MessageText.Quote(rule.Card)}”", $"card is yellow or red; it is \"{MessageText.Quote(rule.Card)}\"");
                }
            }

            if (rule.Priority is { } priority && priority is not (EscalationNames.High or EscalationNames.Urgent))
            {
                Fail(ctx, at + ".priority", $"priority 只能是 high（加急）或 urgent（特急），现为“{MessageText.Quote(priority)}”", $"priority is high or urgent; it is \"{MessageText.Quote(priority)}\"");
            }

            if (rule.Priority is null && !rule.Supervise)
            {
                Fail(ctx, at, "升级规则须至少做一件事：priority: high | urgent（提高办件优先级）或 supervise: true（转科室负责人督办）", "An escalation rule does at least one thing: priority: high | urgent (raises the task's priority) or supervise: true (the section heads supervise it)");
            }

            if (rule.After is { } after)
            {
                CheckLimit(ctx, after, at + ".after", "", "");
            }
        }
    }

    /// <summary>
    /// 补正: a window no longer than the law's five working days; a few requests at most; a well-formed time for the
    /// applicant's answer.
    /// </summary>
    private void Supplements(WorkflowDefinition d, ValidationContext<DefinitionCandidate> ctx)
    {
        var rules = d.Supplements;
        if (rules.RequestWithin is { } window)
        {
            CheckLimit(ctx, window, "supplements.requestWithin", "", "");
            if (window.IsWellFormed && window.ToHours(HoursPerDay(d)) > SupplementRules.StatutoryWindow.ToHours(HoursPerDay(d)))
            {
                Fail(ctx, "supplements.requestWithin",
                    $"补正须在受理后 {SupplementRules.StatutoryWindow} 内一次性告知（行政许可法第三十二条），requestWithin 不能长于它（现为 {window}）",
                    $"Everything to supplement is asked for at once within {SupplementRules.StatutoryWindow.ToEnglish()} of acceptance (Administrative Licensing Law, Art. 32); requestWithin cannot be longer (it is {window.ToEnglish()})");
            }
        }

        if (rules.MaxRequests is { } max and (< 1 or > SupplementRules.MostRequests))
        {
            Fail(ctx, "supplements.maxRequests",
                $"maxRequests 是每个事项最多可提出的补正次数（含第一次），须为 1 至 {SupplementRules.MostRequests}（现为 {max}）；补正须一次性告知，第二次起须经部门负责人批准",
                $"maxRequests is how many requests to supplement an application may have (the first included), from 1 to {SupplementRules.MostRequests} (it is {max}); everything is asked for at once, and a second request needs the department head's approval");
        }

        if (d.Deferrals.RemindBefore is { } remind)
        {
            CheckLimit(ctx, remind, "deferrals.remindBefore", "", "");
        }

        if (rules.AnswerWithin is { } answer)
        {
            CheckLimit(ctx, answer, "supplements.answerWithin", "", "");
            if (rules.RemindBefore is { } before && before.IsWellFormed && answer.IsWellFormed
                && before.ToHours(HoursPerDay(d)) >= answer.ToHours(HoursPerDay(d)))
            {
                Fail(ctx, "supplements.remindBefore",
                    $"补正的提醒须在补正期限之前：remindBefore（{before}）须短于 answerWithin（{answer}）",
                    $"The reminder comes before the deadline to supplement: remindBefore ({before.ToEnglish()}) is shorter than answerWithin ({answer.ToEnglish()})");
            }
        }
        else if (rules.OnExpiry != SupplementExpiry.Withdraw)
        {
            Fail(ctx, "supplements.onExpiry", "写了逾期的后果 onExpiry，就须写明申请人补正的期限 answerWithin", "With onExpiry (what happens when the time runs out) there must be answerWithin (the applicant's time to supplement)");
        }

        if (rules.RemindBefore is { } remindSupplement)
        {
            CheckLimit(ctx, remindSupplement, "supplements.remindBefore", "", "");
            if (rules.AnswerWithin is null)
            {
                Fail(ctx, "supplements.remindBefore", "写了补正的提醒 remindBefore，就须写明申请人补正的期限 answerWithin", "With remindBefore (the reminder) there must be answerWithin (the applicant's time to supplement)");
            }
        }
    }

    private static void Form(WorkflowDefinition d, ValidationContext<DefinitionCandidate> ctx)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < d.Form.Count; i++)
        {
            var field = d.Form[i];
            var path = $"form[{i}]";
            if (field.Key.Length == 0)
            {
                Fail(ctx, path + ".key", "缺少字段标识 key", "The field's key is missing");
                continue;
            }

            if (field.Key.Length > MaxIdentifierLength)
            {
                Fail(ctx, path + ".key", $"字段标识“{MessageText.Quote(field.Key)}”超过 {MaxIdentifierLength} 个字符", $"The field key \"{MessageText.Quote(field.Key)}\" is longer than {MaxIdentifierLength} characters");
            }
            else if (!FieldKeyPattern().IsMatch(field.Key))
            {
                Fail(ctx, path + ".key", $"字段标识“{MessageText.Quote(field.Key)}”须以字母开头，只含字母、数字和下划线（条件表达式要引用它）", $"The field key \"{MessageText.Quote(field.Key)}\" starts with a letter and has only letters, digits and underscores (conditions refer to it)");
            }

            if (!seen.Add(field.Key))
            {
                Fail(ctx, path + ".key", $"字段标识“{field.Key}”重复", $"The field key \"{MessageText.Quote(field.Key)}\" is used twice");
            }

            if (field.Type == FieldType.Choice && field.Options.Count == 0)
            {
                Fail(ctx, path + ".options", "选择字段须列出 options", "A choice field lists its options");
            }

            if (field.Type != FieldType.Choice && field.Options.Count > 0)
            {
                Fail(ctx, path + ".options", "只有 choice 类型的字段可以有 options", "Only a field of type choice can have options");
            }

            if (field.Options.GroupBy(o => o.Value, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } dup)
            {
                Fail(ctx, path + ".options", $"选项“{dup.Key}”重复", $"The option \"{MessageText.Quote(dup.Key)}\" is listed twice");
            }

            if (field.Multiple && field.Type != FieldType.Choice)
            {
                Fail(ctx, path + ".multiple", "multiple 只用于 choice 字段", "multiple is only for choice fields");
            }

            if (field.MinDate is { } minDate && field.MaxDate is { } maxDate
                && DateOnly.TryParseExact(minDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var earliest)
                && DateOnly.TryParseExact(maxDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var latest)
                && earliest > latest)
            {
                Fail(ctx, path + ".minDate", $"minDate（{minDate}）晚于 maxDate（{maxDate}）", $"minDate ({minDate}) is later than maxDate ({maxDate})");
            }

            if (field.Min is { } min && field.Max is { } max && min > max)
            {
                Fail(ctx, path + ".min", $"min（{min}）大于 max（{max}）", $"min ({min}) is greater than max ({max})");
            }

            Lengths(field, path, ctx);

            if ((field.Min is not null || field.Max is not null) && field.Type is not (FieldType.Number or FieldType.Money))
            {
                Fail(ctx, path + ".min", "min/max 只用于 number 和 money 字段", "min/max are only for number and money fields");
            }

            if ((field.MinLength is not null || field.MaxLength is not null || field.Pattern is not null) && field.Type != FieldType.Text)
            {
                Fail(ctx, path + ".maxLength", "minLength/maxLength/pattern 只用于 text 字段", "minLength/maxLength/pattern are only for text fields");
            }

            if (field.Pattern is { } pattern && FieldPattern.Problems(pattern) is { } problem)
            {
                Fail(ctx, path + ".pattern", problem.Zh, problem.En);
            }

            foreach (var (value, name) in new[] { (field.MinDate, "minDate"), (field.MaxDate, "maxDate") })
            {
                if (value is null)
                {
                    continue;
                }

                if (field.Type != FieldType.Date)
                {
                    Fail(ctx, $"{path}.{name}", "minDate/maxDate 只用于 date 字段", "minDate/maxDate are only for date fields");
                }
                else if (value != "today" && !DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                {
                    Fail(ctx, $"{path}.{name}", $"日期“{value}”应为 YYYY-MM-DD 或 today", $"The date \"{MessageText.Quote(value)}\" is written YYYY-MM-DD or today");
                }
            }
        }
    }

    private static void Lengths(FormField field, string path, ValidationContext<DefinitionCandidate> ctx)
    {
        if (field.MinLength is < 0)
        {
            Fail(ctx, path + ".minLength", "minLength 不能小于0", "minLength cannot be less than 0");
        }

        if (field.MaxLength is < 1)
        {
            Fail(ctx, path + ".maxLength", "maxLength 须大于0", "maxLength is greater than 0");
        }
        else if (field.MaxLength > FieldLimits.TextMaxLengthCeiling)
        {
            Fail(ctx, path + ".maxLength", $"maxLength（{field.MaxLength}）超过上限 {FieldLimits.TextMaxLengthCeiling}", $"maxLength ({field.MaxLength}) is over the ceiling of {FieldLimits.TextMaxLengthCeiling}");
        }

        var maxLength = field.MaxLength ?? FieldLimits.DefaultTextMaxLength;
        if (field.MinLength is { } minLength && minLength > maxLength)
        {
            if (field.MaxLength is null)
            {
                Fail(ctx, path + ".minLength", $"minLength（{minLength}）大于默认的最大长度 {FieldLimits.DefaultTextMaxLength}，请写明 maxLength", $"minLength ({minLength}) is greater than the default maximum length {FieldLimits.DefaultTextMaxLength}: write maxLength");
            }
            else
            {
                Fail(ctx, path + ".minLength", $"minLength（{minLength}）大于 maxLength（{maxLength}）", $"minLength ({minLength}) is greater than maxLength ({maxLength})");
            }
        }
    }

    private void Nodes(DefinitionCandidate candidate, ValidationContext<DefinitionCandidate> ctx)
    {
        var d = candidate.Definition;
        var ids = new Dictionary<string, StepNode>(StringComparer.Ordinal);
        foreach (var node in candidate.AllNodes)
        {
            if (!ids.TryAdd(node.Id, node))
            {
                Fail(ctx, node.Path + ".id", $"步骤标识“{node.Id}”重复（已用于 {ids[node.Id].Path}）", $"The step id \"{MessageText.Quote(node.Id)}\" is used twice (already at {ids[node.Id].Path})");
            }
        }

        var environment = _environment with { StepIds = ids.Keys.ToHashSet(StringComparer.Ordinal), HoursPerDay = HoursPerDay(d) };
        foreach (var node in candidate.AllNodes)
        {
            if (node.When is { } when)
            {
                foreach (var field in when.Fields.Where(f => !d.Fields.ContainsKey(f)))
                {
                    Fail(ctx, node.Path + ".when", $"条件“{when.Text}”引用了表单中没有的字段“{field}”", $"The condition \"{MessageText.Quote(when.Text, 100)}\" refers to the field \"{MessageText.Quote(field)}\", which the form does not have");
                }

                // A condition that fails when evaluated would leave its application in progress for ever.
                if (when.TypeErrors(d.Fields) is { } problem)
                {
                    Fail(ctx, node.Path + ".when", $"条件“{when.Text}”{problem.Zh}", $"The condition \"{MessageText.Quote(when.Text, 100)}\" {problem.En}");
                }
            }

            if (!_registry.TryGet(node.ActivityKey, out var activity))
            {
                continue;
            }

            if (node.YellowShare is { } share)
            {
                if (activity.LimitOf(node) is null)
                {
                    Fail(ctx, node.Path + ".yellowShare", "yellowShare 只用于有办理时限 limit 的步骤", "yellowShare is only for a step with a time limit");
                }
                else
                {
                    CheckYellowShare(ctx, share, node.Path + ".yellowShare");
                }
            }

            if (node.Escalation is { } escalation)
            {
                if (activity.LimitOf(node) is null)
                {
                    Fail(ctx, node.Path + ".escalation", "escalation 只用于有办理时限 limit 的步骤或阶段", "escalation is only for a step or stage with a time limit");
                }
                else
                {
                    CheckEscalation(ctx, escalation, node.Path + ".escalation");
                }
            }

            if (node.StatutoryLimit is { } statutory)
            {
                StatutoryLimit(ctx, node, activity, statutory, environment.HoursPerDay);
            }

            if (node.Extension is { } extension)
            {
                if (!activity.Descriptor.HasChildren || activity.LimitOf(node) is null)
                {
                    Fail(ctx, node.Path + ".extension", "extension（延长时限）只用于有时限 limit 的阶段 stage；部门事项用 maxExtension", "extension (extending the time limit) is only for a stage with a limit; a department task uses maxExtension");
                }
                else
                {
                    CheckExtension(
                        ctx, extension, node.Path + ".extension", activity.LimitOf(node), node.StatutoryLimit, environment.HoursPerDay,
                        $"阶段“{node.DisplayTitle}”", $"The stage {Title(node)}");
                }
            }

            if (activity.Descriptor.RequiresId && !node.HasExplicitId)
            {
                Fail(ctx, node.Path + ".id", $"“{node.ActivityKey}”步骤须写明 id（用于跟踪、材料和证照引用）", $"A \"{node.ActivityKey}\" step has an id (for tracking, materials and certificates)");
            }

            if (activity.Descriptor.HasChildren && node.Children.Count == 0)
            {
                Fail(ctx, node.Path + ".steps", $"“{node.ActivityKey}”须包含至少一个子步骤 steps", $"A \"{node.ActivityKey}\" has at least one step in steps");
            }

            foreach (var failure in activity.Validate(node, environment))
            {
                ctx.AddFailure(new ValidationFailure(Join(node.Path, failure.PropertyName), failure.ErrorMessage) { CustomState = failure.CustomState });
            }
        }
    }

    /// <summary>
    /// A step's or stage's statutory limit (法定时限): only on a timed node — a department's step or a stage — well formed,
    /// and no shorter than its promised <c>limit</c> where it has one: a service promises to finish sooner than the law
    /// allows, never later. Without a promise the node's clock counts against the statutory limit alone.
    /// </summary>
    private static void StatutoryLimit(
        ValidationContext<DefinitionCandidate> ctx, StepNode node, IActivity activity, WorkingTimeLimit statutory, double hoursPerDay)
    {
        var timed = activity.Descriptor.Tracked && (activity.Descriptor.HasChildren || activity.DepartmentOf(node) is not null);
        if (!timed)
        {
            Fail(ctx, node.Path + ".statutoryLimit", "statutoryLimit（法定时限）只用于有办理时限 limit 的部门事项或阶段",
                "statutoryLimit (the statutory limit) applies only to a timed department step or stage");
            return;
        }

        CheckLimit(ctx, statutory, node.Path + ".statutoryLimit", "", "");
        if (activity.PromisedLimitOf(node) is { } promised
            && statutory.IsWellFormed && promised.IsWellFormed && promised.ToHours(hoursPerDay) > statutory.ToHours(hoursPerDay) + 1e-9)
        {
            Fail(ctx, node.Path + ".limit", $"“{node.DisplayTitle}”的承诺时限 limit（{promised}）不能长于其法定时限 statutoryLimit（{statutory}）",
                $"The promised limit of {Title(node)} ({promised.ToEnglish()}) cannot be longer than its statutory limit ({statutory.ToEnglish()})");
        }
    }

    /// <summary>
    /// How far a bundle's or stage's clock may be extended and who approves (行政许可法 Art. 42): a valid working time, a
    /// department that exists, and — where a statutory limit is set — a promise that, extended by all of it, still ends
    /// within the statutory limit: an extension brings the promise closer to what the law allows, never past it.
    /// </summary>
    private void CheckExtension(
        ValidationContext<DefinitionCandidate> ctx, ExtensionRules rules, string path, WorkingTimeLimit? promised, WorkingTimeLimit? statutory, double hoursPerDay,
        string what, string whatEn)
    {
        CheckLimit(ctx, rules.Max, path + ".max", "缺少可延长的时间 extension.max（workingDays 或 workingHours）",
            "How far the limit may be extended is missing: extension.max (workingDays or workingHours)");
        if (string.IsNullOrWhiteSpace(rules.Approver))
        {
            Fail(ctx, path + ".approver", "缺少批准延长的部门 extension.approver（部门代码）",
                "The department that approves an extension is missing: extension.approver (a department code)");
        }
        else if (!_environment.Departments.ContainsKey(rules.Approver))
        {
            Fail(ctx, path + ".approver", $"未知部门“{MessageText.Quote(rules.Approver)}”（批准延长的部门 extension.approver）",
                $"Unknown department \"{MessageText.Quote(rules.Approver)}\" (the department that approves an extension, extension.approver)");
        }

        if (rules.Max is { IsWellFormed: true } max && promised is { IsWellFormed: true } p && statutory is { IsWellFormed: true } s
            && p.ToHours(hoursPerDay) + max.ToHours(hoursPerDay) > s.ToHours(hoursPerDay) + 1e-9)
        {
            Fail(ctx, path + ".max", $"{what}的承诺时限（{p}）延长 {max} 后超过法定时限（{s}）",
                $"{whatEn}'s promised limit ({p.ToEnglish()}) extended by {max.ToEnglish()} goes past the statutory limit ({s.ToEnglish()})");
        }
    }

    private void Materials(DefinitionCandidate candidate, ValidationContext<DefinitionCandidate> ctx)
    {
        var d = candidate.Definition;
        // Materials flow to the departments that carry steps out (an unknown activity is reported on its own).
        var steps = candidate.AllNodes
            .Where(n => !_registry.TryGet(n.ActivityKey, out var a) || a.DepartmentOf(n) is not null)
            .Select(n => n.Id)
            .ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var validator = new WorkingTimeLimitValidator();
        for (var i = 0; i < d.Materials.Count; i++)
        {
            var material = d.Materials[i];
            var path = $"materials[{i}]";
            if (material.Key.Length == 0)
            {
                Fail(ctx, path + ".key", "缺少材料标识 key", "The material's key is missing");
            }
            else if (!seen.Add(material.Key))
            {
                Fail(ctx, path + ".key", $"材料标识“{material.Key}”重复", $"The material key \"{MessageText.Quote(material.Key)}\" is used twice");
            }
            else if (material.Key.Length > MaxIdentifierLength)
            {
                Fail(ctx, path + ".key", $"材料标识“{MessageText.Quote(material.Key)}”超过 {MaxIdentifierLength} 个字符", $"The material key \"{MessageText.Quote(material.Key)}\" is longer than {MaxIdentifierLength} characters");
            }
            else if (!FieldKeyPattern().IsMatch(material.Key))
            {
                Fail(ctx, path + ".key", $"材料标识“{MessageText.Quote(material.Key)}”须以字母开头，只含字母、数字和下划线", $"The material key \"{MessageText.Quote(material.Key)}\" starts with a letter and has only letters, digits and underscores");
            }

            if (material.UsedBy.Count == 0)
            {
                Fail(ctx, path + ".usedBy", $"材料“{material.Name}”没有任何步骤使用（清单之外无材料：用 usedBy 写明使用它的步骤）", $"No step uses the material {MaterialName(material)} (list the steps that use it in usedBy)");
            }

            for (var j = 0; j < material.UsedBy.Count; j++)
            {
                if (!steps.Contains(material.UsedBy[j]))
                {
                    Fail(ctx, $"{path}.usedBy[{j}]", $"材料“{material.Name}”的使用步骤“{material.UsedBy[j]}”不存在，或不是由部门办理的步骤", $"The step \"{MessageText.Quote(material.UsedBy[j])}\" that uses the material {MaterialName(material)} does not exist or is not carried out by a department");
                }
            }

            if (material.Deferrable is { } deferrable)
            {
                if (!material.Required)
                {
                    Fail(ctx, path + ".deferrable", "容缺（deferrable）只适用于必交材料（required: true）", "deferrable (handed in later) is only for a required material (required: true)");
                }

                foreach (var failure in validator.Validate(deferrable).Errors)
                {
                    ctx.AddFailure(new ValidationFailure(Join(path + ".deferrable", failure.PropertyName), failure.ErrorMessage) { CustomState = failure.CustomState });
                }
            }

            if (material.MaxSizeMb is <= 0)
            {
                Fail(ctx, path + ".maxSizeMb", "maxSizeMb 须大于0", "maxSizeMb is greater than 0");
            }
        }
    }

    private void Timing(DefinitionCandidate candidate, ValidationContext<DefinitionCandidate> ctx)
    {
        var d = candidate.Definition;
        var hoursPerDay = HoursPerDay(d);
        var path = new CriticalPath(_registry, hoursPerDay);
        foreach (var node in candidate.AllNodes)
        {
            if (node.Children.Count == 0 || !_registry.TryGet(node.ActivityKey, out var activity)
                || activity.LimitOf(node) is not { IsWellFormed: true } limit)
            {
                continue;
            }

            var needed = path.OfChildren(node);
            if (limit.ToHours(hoursPerDay) < needed - 1e-9)
            {
                Fail(ctx, node.Path + ".limit", $"“{node.DisplayTitle}”的时限（{limit}）短于其关键路径（{Describe(needed, hoursPerDay)}）", $"The limit of {Title(node)} ({limit.ToEnglish()}) is shorter than its critical path ({DescribeEn(needed, hoursPerDay)})");
            }
        }

        if (d.Limits.Promised is { IsWellFormed: true } promised)
        {
            var needed = path.Of(d.Flow);
            if (promised.ToHours(hoursPerDay) < needed - 1e-9)
            {
                Fail(ctx, "timeLimits.promised", $"承诺时限（{promised}）短于办理流程的关键路径（{Describe(needed, hoursPerDay)}）", $"The promised limit ({promised.ToEnglish()}) is shorter than the critical path of the flow ({DescribeEn(needed, hoursPerDay)})");
            }
        }
        else if (d.Limits.Statutory is { IsWellFormed: true } statutory)
        {
            // Held to its statutory limit alone, the flow must fit in that.
            var needed = path.Of(d.Flow);
            if (statutory.ToHours(hoursPerDay) < needed - 1e-9)
            {
                Fail(ctx, "timeLimits.statutory", $"法定时限（{statutory}）短于办理流程的关键路径（{Describe(needed, hoursPerDay)}）", $"The statutory limit ({statutory.ToEnglish()}) is shorter than the critical path of the flow ({DescribeEn(needed, hoursPerDay)})");
            }
        }
    }

    private static void CheckLimit(ValidationContext<DefinitionCandidate> ctx, WorkingTimeLimit? limit, string path, string missing) =>
        CheckLimit(ctx, limit, path, missing, null);

    private static void CheckLimit(ValidationContext<DefinitionCandidate> ctx, WorkingTimeLimit? limit, string path, string missing, string? missingEn)
    {
        if (limit is null)
        {
            ctx.AddFailure(new ValidationFailure(path, missing) { CustomState = missingEn });
            return;
        }

        foreach (var failure in new WorkingTimeLimitValidator().Validate(limit).Errors)
        {
            ctx.AddFailure(new ValidationFailure(Join(path, failure.PropertyName), failure.ErrorMessage) { CustomState = failure.CustomState });
        }
    }

    /// <summary>A failure in Chinese, with its English as the failure's custom state (which the loader puts in <see cref="DefinitionError.MessageEn"/>).</summary>
    private static void Fail(ValidationContext<DefinitionCandidate> ctx, string path, string zh, string en) =>
        ctx.AddFailure(new ValidationFailure(path, zh) { CustomState = en });

    private static string Title(StepNode node) => $"\"{MessageText.Quote(node.DisplayTitleEn)}\"";

    private static string MaterialName(MaterialSpec material) => $"\"{MessageText.Quote(material.Name.En ?? material.Name.Zh)}\"";

    private static string DescribeEn(double hours, double hoursPerDay) =>
        string.Create(CultureInfo.InvariantCulture, $"{hours:0.##} working hours, about {hours / hoursPerDay:0.##} working days");

    private double HoursPerDay(WorkflowDefinition d) =>
        _environment.CalendarHoursPerDay.TryGetValue(d.CalendarId, out var hours) ? hours : _environment.HoursPerDay;

    private static string Describe(double hours, double hoursPerDay) =>
        string.Create(CultureInfo.InvariantCulture, $"{hours:0.##} 个工作小时，约 {hours / hoursPerDay:0.##} 个工作日");

    /// <summary>Joins a node path with a FluentValidation property name (PascalCase, dotted) in the file's camelCase.</summary>
    public static string Join(string path, string? propertyName)
    {
        if (string.IsNullOrEmpty(propertyName))
        {
            return path;
        }

        var parts = propertyName.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]);
        return path.Length == 0 ? string.Join('.', parts) : path + "." + string.Join('.', parts);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex FieldKeyPattern();
}
