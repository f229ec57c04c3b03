using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Persistence.Stores;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Registration;

/// <summary>
/// Applicants' self-registration where the engine runs, and with it the reset of a forgotten password by a texted code:
/// open unless <c>Identity:SelfRegistration</c> is false, the identity platform is the sign-in (people register there),
/// or no SMS channel can carry the code. Asked for where it cannot work, the host stops at its start saying why;
/// otherwise the registration and reset pages say why they are closed.
/// </summary>
public static class RegistrationHosting
{
    public static WebApplicationBuilder AddSelfRegistration(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var wanted = configuration.GetSection("Identity").Get<SignInSettings>()?.SelfRegistration;
        var oidc = configuration.GetSection("Authentication:Oidc").Get<OidcSettings>() ?? new OidcSettings();
        var sms = !string.IsNullOrWhiteSpace(configuration["Notifications:Sms:Url"]);
        SelfRegistrationAvailability availability;
        if (wanted == false)
        {
            availability = new(false, "本平台未开放申请人自行注册，请到政务服务大厅窗口开通账户", "Applicants cannot register themselves here: ask at a service centre's window for an account");
        }
        else if (oidc.Configured)
        {
            var zh = oidc.NameIn(english: false);
            var en = oidc.NameIn(english: true);
            Require(wanted != true, "Identity:SelfRegistration is true, but Authentication:Oidc makes the identity platform the sign-in: applicants register there. Leave Identity:SelfRegistration unset or false.");
            availability = new(false, $"本平台使用{zh}登录，请在{zh}注册账户后登录", $"This site signs people in through {en}: register there, then sign in");
        }
        else if (!sms)
        {
            Require(wanted != true, "Identity:SelfRegistration is true, but no SMS channel is configured (Notifications:Sms:Url): the one-time code that proves an applicant's mobile number cannot be sent.");
            availability = new(false, "本平台暂未开通短信服务，无法发送验证码，暂不能注册；请到政务服务大厅窗口开通账户", "No text message service is set up here, so no code can be sent and registration is not available: ask at a service centre's window for an account");
        }
        else
        {
            availability = new(true);
        }

        builder.Services.AddSingleton(availability);
        builder.Services.AddSingleton<IRegistrationCodes, SqlRegistrationCodes>();
        builder.Services.AddSingleton<ICodeRequests, SqlCodeRequests>();
        builder.Services.AddSingleton<IPasswordResetCodes, SqlPasswordResetCodes>();
        builder.Services.DecorateForSessionChecks<IPasswordResetCodes>((inner, checks) => new SessionCheckedPasswordResetCodes(inner, checks));
        builder.Services.AddSingleton<TextedCodes>();
        // Read even while registration is closed: applicants who registered before keep their contacts.
        builder.Services.AddSingleton<IApplicantContacts, SqlApplicantContacts>();
        builder.Services.AddSingleton<SelfRegistration>();
        // A forgotten password is replaced with a code texted to the number the applicant registered with: offered where registration is.
        builder.Services.AddSingleton<PasswordReset>();
        return builder;
    }

    private static void Require(bool condition, string problem)
    {
        if (!condition)
        {
            throw new InvalidOperationException(problem);
        }
    }
}
