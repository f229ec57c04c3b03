using Microsoft.Extensions.Configuration;

namespace WorkflowEngine.Hosting.Configuration;

/// <summary>Which departments' queues this process serves (section <c>Departments</c>).</summary>
public sealed class DepartmentsOptions
{
    /// <summary>
    /// Department codes, or <c>*</c> for every department in <c>Definitions/departments.yaml</c> (the default). A department
    /// left out is served elsewhere: by a department host of its own, or by a department's own system over AMQP.
    /// </summary>
    public List<string> Codes { get; set; } = [];

    /// <summary>A department host: the engine host's address, where it fetches the materials its steps use.</summary>
    public string? EngineUrl { get; set; }

    /// <summary>A department host: its token at the engine (the engine's <c>ServiceAccounts</c> holds its SHA-256).</summary>
    public string? EngineToken { get; set; }

    /// <summary>
    /// Reads the section. <c>Departments:Codes</c> may be a list (<c>Codes:0</c>, <c>Codes:1</c>, a JSON array) or one value
    /// separated by commas, as given on a command line or in an environment variable (<c>Departments__Codes=SAMR,PSB</c>):
    /// the binder alone reads a single value as an empty list, which would serve every department.
    /// </summary>
    public static DepartmentsOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Departments");
        var options = section.Get<DepartmentsOptions>() ?? new DepartmentsOptions();
        var single = section["Codes"];
        if (!string.IsNullOrWhiteSpace(single))
        {
            options.Codes = [single];
        }

        return options;
    }

    /// <summary>The codes to serve, checked against the known departments.</summary>
    public IReadOnlyList<string> Resolve(IReadOnlyCollection<string> known)
    {
        var codes = Codes.SelectMany(c => c.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal).ToArray();
        if (codes.Length == 0 || codes.Contains("*"))
        {
            return [.. known];
        }

        var unknown = codes.Where(c => !known.Contains(c)).ToArray();
        return unknown.Length == 0
            ? codes
            : throw new InvalidOperationException(
                $"Departments:Codes names departments that Definitions/departments.yaml does not know: {string.Join(", ", unknown)} (known: {string.Join(", ", known)}).");
    }
}
