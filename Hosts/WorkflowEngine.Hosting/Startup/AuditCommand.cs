using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Persistence;
using WorkflowEngine.Runtime.Audit;

namespace WorkflowEngine.Hosting.Startup;

/// <summary>
/// <c>verify-audit</c>: checks every application's audit hash chain in the configured database, without starting the
/// host or changing anything, and names the first broken line. Exit code 0 when intact, 1 when broken, 2 when the
/// check could not run.
/// </summary>
public static class AuditCommand
{
    public const string Name = "verify-audit";

    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output)
    {
        var database = services.GetRequiredService<Database>();
        await output.WriteLineAsync($"Checking the audit trails in {database.Dialect.Name}: {Describe(database.ConnectionString)}");
        AuditDatabaseVerification result;
        try
        {
            result = await services.GetRequiredService<IAuditStore>().VerifyAllAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            await output.WriteLineAsync($"The check could not run: {ex.Message}");
            return 2;
        }

        if (result.Verified)
        {
            await output.WriteLineAsync($"Intact: {result.Applications} applications, {result.Lines} audit lines, every chain verifies.");
            return 0;
        }

        await output.WriteLineAsync(
            $"BROKEN after {result.Applications} intact applications: application {result.BrokenApplication} ({result.BrokenTrackingNumber ?? "unknown"}), " +
            $"line id {result.Result.BrokenLineId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}, " +
            $"position {result.Result.BrokenPosition?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}: {result.Result.Problem}");
        return 1;
    }

    /// <summary>Where the data is, without a password that might be in the connection string.</summary>
    private static string Describe(string connectionString) =>
        string.Join(';', connectionString.Split(';').Where(p => !p.TrimStart().StartsWith("Password", StringComparison.OrdinalIgnoreCase)));
}
