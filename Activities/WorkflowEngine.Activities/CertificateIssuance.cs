using FluentValidation;
using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Activities;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Activities;

/// <summary>
/// 统一发证: every certificate the approving steps granted is issued together. With a <c>department</c> the unified window
/// issues them as a task of its own (dispatched like a department task); without one they are issued at once.
/// </summary>
[Activity("certificate-issuance", Description = "统一发证：汇总各部门办结的证照一并发放", DescriptionEn = "Issue the certificates: every department's certificates handed over together", Tracked = true, RequiresId = true)]
public sealed class CertificateIssuance : Activity<CertificateIssuance.Settings>
{
    protected override IValidator<Settings> Validator { get; } = new SettingsValidator();

    protected override WorkingTimeLimit? LimitOf(Settings settings) => settings.Limit;

    protected override string? DepartmentOf(Settings settings) => settings.Department;

    public override void Execute(ActivityContext context)
    {
        var settings = SettingsOf(context);
        if (settings.Department is { Length: > 0 } department)
        {
            DepartmentTask.Dispatch(context, department, LimitOf(context.Node)!, settings.Handler);
            return;
        }

        Issue(context, settings);
        context.Complete(StepOutcome.Approved);
    }

    public override void OnSignal(ActivityContext context, WorkflowEvent signal)
    {
        var settings = SettingsOf(context);
        if (DepartmentTask.OnReport(context, signal, LimitOf(context.Node)!, settings.Handler) && context.State.Outcome == StepOutcome.Approved)
        {
            Issue(context, settings);
        }
    }

    public override void OnCancel(ActivityContext context, string reason) => DepartmentTask.Recall(context, reason, context.State.ReasonEn);

    private static void Issue(ActivityContext context, Settings settings)
    {
        var issued = new List<IssuedCertificate>();
        var names = new List<LocalizedText>();
        foreach (var certificate in settings.Certificates)
        {
            if (context.Peek(certificate.From) is { Status: NodeStatus.Completed, Outcome: StepOutcome.Approved } granted)
            {
                issued.Add(new IssuedCertificate(
                    certificate.Name.Zh,
                    certificate.From,
                    granted.Outputs ?? new Dictionary<string, string>(StringComparer.Ordinal)));
                names.Add(certificate.Name);
            }
        }

        context.Emit(new IssueCertificates(context.Node.Id, issued));
        context.Emit(issued.Count == 0
            ? NotifyApplicant.Of("certificates", "本次办理无需发放证照。", "No certificate is issued for this application.")
            : NotifyApplicant.Of("certificates", $"您的证照已统一发放：{string.Join("、", names.Select(n => n.Zh))}。",
                $"Your certificates have been issued together: {string.Join(", ", names.Select(n => n.En ?? n.Zh))}."));
        context.Audit("CertificatesIssued", new Dictionary<string, string?>
        {
            ["certificates"] = string.Join(",", issued.Select(c => c.Name)),
        });
    }

    /// <summary>
    /// The name of the certificate that <paramref name="fromStep"/> grants, as the issuing step's definition gives it (in
    /// both languages where it does); null where the step issues no such certificate. The stored certificate keeps its
    /// Chinese name, the official one; the English is read from the definition the application runs on.
    /// </summary>
    public static LocalizedText? NameOf(StepNode issuing, string fromStep) =>
        issuing.Settings is Settings settings ? settings.Certificates.FirstOrDefault(c => c.From == fromStep)?.Name : null;

    /// <summary>Settings of unified issuance.</summary>
    public sealed record Settings
    {
        public List<CertificateSpec> Certificates { get; init; } = [];

        /// <summary>The unified window that issues in person; absent means issued at once (electronic licences).</summary>
        public string? Department { get; init; }

        public WorkingTimeLimit? Limit { get; init; }

        public string? Handler { get; init; }
    }

    /// <summary>Certificates name existing steps; a window needs a limit.</summary>
    public sealed class SettingsValidator : AbstractValidator<Settings>
    {
        public SettingsValidator()
        {
            RuleFor(s => s.Certificates).NotEmpty().WithMessage("统一发证须列出 certificates（证照名称与颁发步骤）").WithState(_ => "Issuing certificates lists its certificates (each with its name and the step that issues it)");
            RuleForEach(s => s.Certificates).ChildRules(c =>
            {
                c.RuleFor(x => x.Name.Zh).NotEmpty().WithMessage("证照缺少名称 name").WithState(_ => "The certificate has no name").OverridePropertyName("name");
                c.RuleFor(x => x.Name.En).NotEmpty().WithMessage("证照的英文名称 name.en 不能为空（不需要英文时省略 en）")
                    .WithState(_ => "The certificate's English name.en cannot be empty (leave en out when there is no English)")
                    .OverridePropertyName("name.en").When(x => x.Name.En is not null);
                c.RuleFor(x => x.From).NotEmpty().WithMessage("证照缺少颁发步骤 from").WithState(_ => "The certificate has no step that issues it (from)");
            });
            RuleForEach(s => s.Certificates)
                .Must((settings, certificate, context) => string.IsNullOrEmpty(certificate.From) || EnvironmentOf(context).StepIds.Contains(certificate.From))
                .WithMessage((s, c) => $"证照“{c.Name.Zh}”的颁发步骤“{c.From}”不存在").WithState((s, c) => $"The step \"{c.From}\" that issues the certificate \"{c.Name.En ?? c.Name.Zh}\" does not exist");
            RuleFor(s => s.Department!).MustBeKnownDepartment().When(s => !string.IsNullOrEmpty(s.Department));
            RuleFor(s => s.Limit).NotNull().When((s, context) => !string.IsNullOrEmpty(s.Department) && !HasStatutoryLimit(context))
                .WithMessage("由窗口发证时须写明时限 limit").WithState(_ => "Certificates issued at the counter need a time limit (limit or statutoryLimit)");
            RuleFor(s => s.Limit!).SetValidator(new WorkingTimeLimitValidator()).When(s => s.Limit is not null);
        }
    }
}
