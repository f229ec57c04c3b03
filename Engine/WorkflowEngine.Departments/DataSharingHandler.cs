using System.Security.Cryptography;
using System.Text;
using WorkflowEngine.Contracts;

namespace WorkflowEngine.Runtime.Departments;

/// <summary>
/// <c>data-sharing</c>: registrations that need nothing but the data already given (社保、医保、公积金、税务登记) are
/// approved at once, with a registration number derived from the application, so a redelivery yields the same number.
/// </summary>
public sealed class DataSharingHandler : IAutomatedStepHandler
{
    public string Key => "data-sharing";

    public Task<AutomatedResult> HandleAsync(ExecuteStep step, CancellationToken cancellationToken)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{step.ApplicationId:N}/{step.StepId}"));
        var number = $"{step.Department}-{Convert.ToHexString(digest, 0, 5)}";
        return Task.FromResult(AutomatedResult.Approve(new Dictionary<string, string>
        {
            ["registrationNumber"] = number,
            ["source"] = "数据共享自动办理",
        }));
    }
}
