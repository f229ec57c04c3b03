using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Identity;

/// <summary>
/// The accounts a host creates at start: in Development the demo users of <c>Definitions/demo/users.yaml</c>, each with
/// the documented <see cref="DemoPassword"/>; in any environment the administrator of <c>Identity:BootstrapAdmin</c>
/// when a password is configured. Outside Development no demo account is created.
/// </summary>
public sealed partial class IdentitySeeding(
    IDirectoryStore directory,
    PasswordSignIn signIn,
    IHostEnvironment environment,
    IConfiguration configuration,
    ILogger<IdentitySeeding> logger)
{
    /// <summary>The demo users' password, in Development only; the README lists it.</summary>
    public const string DemoPassword = "Demo#2026";

    /// <summary>The shortest password an operator may give an administrator.</summary>
    public const int MinimumPasswordLength = 12;

    public async Task SeedAsync(string definitionsPath, CancellationToken cancellationToken)
    {
        if (environment.IsDevelopment())
        {
            var users = DemoUsersFile.Load(Path.Combine(definitionsPath, "demo", "users.yaml"));
            await directory.UpsertUsersAsync(users, cancellationToken);
            LogDemoUsers(users.Count, await signIn.SeedPasswordsAsync(users, DemoPassword, cancellationToken));
        }

        var admin = configuration.GetSection("Identity:BootstrapAdmin").Get<BootstrapAdmin>();
        if (string.IsNullOrEmpty(admin?.Password))
        {
            return;
        }

        if (admin.Password.Length < MinimumPasswordLength || SignInInput.Validate(admin.Id, admin.Password).Count > 0)
        {
            throw new InvalidOperationException(
                $"Identity:BootstrapAdmin needs an Id without control characters and a Password of {MinimumPasswordLength} to {SignInInput.MaxPasswordLength} characters.");
        }

        var user = await directory.FindUserAsync(admin.Id, cancellationToken) ?? new UserRecord(admin.Id, admin.Name, Roles.Admin, null);
        if (user.Role != Roles.Admin)
        {
            throw new InvalidOperationException($"Identity:BootstrapAdmin names {admin.Id}, who is a {user.Role}, not an administrator.");
        }

        await directory.UpsertUsersAsync([user], cancellationToken);
        if (await signIn.SeedPasswordsAsync([user], admin.Password, cancellationToken) > 0)
        {
            LogBootstrapAdmin(user.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Count} demo users (Development), {Passwords} given the demo password: sign in at /account/login, or send X-Demo-User: <id>")]
    private partial void LogDemoUsers(int count, int passwords);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Administrator {Id} created with the password of Identity:BootstrapAdmin: sign in and change it, then remove it from the configuration")]
    private partial void LogBootstrapAdmin(string id);
}
