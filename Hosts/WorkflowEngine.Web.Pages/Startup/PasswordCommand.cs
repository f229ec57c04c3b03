using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Persistence;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Startup;

/// <summary>
/// <c>set-password &lt;user&gt;</c>: an operator sets a user's password in the configured database without starting the
/// host, and every session and token of that user ends. A name the database does not know becomes an administrator: the
/// way to the first administrator outside Development, where no demo account exists. The password comes from the
/// environment variable <see cref="PasswordVariable"/> or the first line of standard input, never the command line
/// (which other users of the machine can read). Exit code 0 when set, 1 when refused, 2 when it could not run.
/// </summary>
public static class PasswordCommand
{
    public const string Name = "set-password";
    public const string PasswordVariable = "WFE_NEW_PASSWORD";

    public static async Task<int> RunAsync(IServiceProvider services, string userId, TextReader input, TextWriter output)
    {
        var password = Environment.GetEnvironmentVariable(PasswordVariable) is { Length: > 0 } given ? given : await input.ReadLineAsync();
        if (SignInInput.Validate(userId, password) is { Count: > 0 } errors)
        {
            await output.WriteLineAsync(string.Join(Environment.NewLine, errors.SelectMany(e => e.Value)));
            return 1;
        }

        if (password!.Length < IdentitySeeding.MinimumPasswordLength)
        {
            await output.WriteLineAsync($"密码至少 {IdentitySeeding.MinimumPasswordLength} 个字符");
            return 1;
        }

        try
        {
            services.GetRequiredService<Database>().Migrate();
            var directory = services.GetRequiredService<IDirectoryStore>();
            var user = await directory.FindUserAsync(userId, CancellationToken.None);
            if (user is null)
            {
                user = new UserRecord(userId, userId, Roles.Admin, null);
                await directory.UpsertUsersAsync([user], CancellationToken.None);
                await output.WriteLineAsync($"Created the administrator {userId}.");
            }

            await services.GetRequiredService<PasswordSignIn>().SetPasswordAsync(user, password, null, SignInChannels.Operator, CancellationToken.None);
            await output.WriteLineAsync($"The password of {userId} ({user.Role}) is set; the sessions and tokens issued before have ended.");
            return 0;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            await output.WriteLineAsync($"The password could not be set: {ex.Message}");
            return 2;
        }
    }
}
