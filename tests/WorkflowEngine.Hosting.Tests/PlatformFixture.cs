using WorkflowEngine.Testing;
using WorkflowEngine.Testing.Platform;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// The identity platform on a loopback port, and an all-in-one host configured for it as a deployment would be: its
/// own claim names (<c>gov_role</c>, <c>gov_dept</c>), its own role values mapped to ours, and its access tokens accepted
/// on the API. The host's clock starts at the real time, as the platform's tokens carry it.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    /// <summary>A SAMR clerk: among the platform's roles one that maps to clerk here.</summary>
    public static readonly PlatformUser Clerk = new("li.qing", "3201-0001", new Dictionary<string, object>
    {
        ["name"] = "李青",
        ["gov_role"] = new[] { "gov-staff", "gov-window-clerk" },
        ["gov_dept"] = "SAMR",
    });

    /// <summary>A citizen: the platform gives no role at all.</summary>
    public static readonly PlatformUser Citizen = new("zhao.min", "3201-0002", new Dictionary<string, object> { ["name"] = "赵敏" });

    /// <summary>A clerk the platform gives no department.</summary>
    public static readonly PlatformUser ClerkWithoutDepartment = new("wang.wu", "3201-0003", new Dictionary<string, object>
    {
        ["name"] = "王五",
        ["gov_role"] = "clerk",
    });

    /// <summary>A platform subject equal to a local account's id: it must not become that account.</summary>
    public static readonly PlatformUser Impostor = new("admin.lookalike", "admin", new Dictionary<string, object> { ["name"] = "冒名者" });

    public IdentityPlatform Platform { get; private set; } = null!;

    public AllInOneHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Platform = await IdentityPlatform.StartAsync();
        foreach (var user in new[] { Clerk, Citizen, ClerkWithoutDepartment, Impostor })
        {
            Platform.Add(user);
        }

        Host = await AllInOneHost.StartAsync(TimeProvider.System.GetUtcNow(), extraArgs: HostArgs(Platform));
        Platform.AllowRedirectTo(new Uri(Host.Address, "/signin-oidc"));
        Platform.AllowPostLogoutRedirectTo(new Uri(Host.Address, "/signout-callback-oidc"));
    }

    /// <summary>A host's settings for <paramref name="platform"/>, as a deployment would write them.</summary>
    public static string[] HostArgs(IdentityPlatform platform) =>
    [
        $"--Authentication:Oidc:Authority={platform.Authority}",
        $"--Authentication:Oidc:ClientId={IdentityPlatform.ClientId}",
        $"--Authentication:Oidc:ClientSecret={IdentityPlatform.ClientSecret}",
        $"--Authentication:Oidc:ApiAudience={IdentityPlatform.ApiAudience}",
        "--Authentication:Oidc:DisplayName=省统一身份认证平台",
        "--Authentication:Oidc:RoleClaim=gov_role",
        "--Authentication:Oidc:DepartmentClaim=gov_dept",
        "--Authentication:Oidc:RoleMap:gov-window-clerk=clerk",
    ];

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Platform.DisposeAsync();
    }
}
