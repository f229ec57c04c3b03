using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Configuration;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Messaging.Configuration;
using WorkflowEngine.Persistence;
using WorkflowEngine.Persistence.Dialects;
using WorkflowEngine.Runtime;
using WorkflowEngine.Runtime.Inbox;

namespace WorkflowEngine.Hosting;

/// <summary>
/// The <c>AddX()/MapX()</c> wiring every host shares, engine or department: options, the database and the clock, the
/// REST API and the request pipeline. Nothing of the engine, so that a department host carries it without
/// WorkflowEngine.Hosting, and nothing of the department side (its work is DepartmentWorkHosting.AddDepartmentWork, in
/// WorkflowEngine.Departments.Web), so that an engine host carries it without the department side.
/// </summary>
public static class HostBasics
{
    /// <summary>
    /// The setting that makes ASP.NET Core watch appsettings.json for changes. It watches the whole content root, with
    /// every folder under it; when the host was started from its own folder that held its database and uploads
    /// (<c>data/</c>), and every write of the database's log and every upload woke the watcher, which then looked the
    /// file up, 4.5 % of the CPU under load. Settings are read at start, then; <c>--hostBuilder:reloadConfigOnChange=true</c>
    /// turns watching on.
    /// </summary>
    public const string ReloadConfigOnChange = "hostBuilder:reloadConfigOnChange";

    /// <remarks>
    /// The content root is the folder of the host's own assembly, where the build puts its appsettings.json: started from
    /// anywhere else (the repository root, a service manager's folder) it would otherwise run without its settings.
    /// Relative data paths (<c>data/</c>) are still taken from the working directory. Settings are read at start, not
    /// watched (<see cref="ReloadConfigOnChange"/>).
    /// </remarks>
    public static WebApplicationBuilder CreateBuilder(string[] args) =>
        WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // First, so that the operator's own --hostBuilder:reloadConfigOnChange (the last one given wins) overrides it.
            Args = [$"--{ReloadConfigOnChange}=false", .. args],
            ContentRootPath = AppContext.BaseDirectory,
        });

    /// <summary>What every host runs each request through, in this order.</summary>
    public static WebApplication MapWorkflowPipeline(this WebApplication app)
    {
        // Before anything reads the client's address or the scheme: behind a trusted proxy they are the client's.
        if (app.Services.GetService<ForwardedHeadersOptions>() is { } forwarded)
        {
            app.UseForwardedHeaders(forwarded);
        }

        // First, so that every response has the headers, whatever part of the pipeline writes it.
        app.UseSecurityHeaders();
        app.UseProblemResponses();
        app.UseUtf8Paths();
        app.UseRouting();
        app.UseAuthentication();
        // After sign-in, so that the limits are per user; before authorization, so that refused callers count too.
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseMiddleware<RequestBodyGuard>();
        // After the body's bound is set, since a form post's token is read from its body.
        app.UseMiddleware<SessionAntiforgery>();
        app.MapOpenApi().AllowAnonymous();
        if (app.Environment.IsDevelopment())
        {
            // The API reference, from the package's own script: no fonts from its CDN, no telemetry, nothing from outside.
            app.MapScalarApiReference(SecurityHeaders.ReferencePath, o => o
                    .WithTitle("WorkflowEngine API")
                    .DisableDefaultFonts()
                    .DisableTelemetry())
                .AllowAnonymous();
        }

        app.MapWorkflowSignIn();
        return app;
    }

    /// <summary>The REST API: identity, problem details, OpenAPI, request limits, rate limits.</summary>
    public static WebApplicationBuilder AddWorkflowApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<RequestLimits>(builder.Configuration.GetSection("Limits"));
        services.Configure<RateLimitSettings>(builder.Configuration.GetSection("RateLimits"));
        services.AddWorkflowRateLimits();
        if (ReverseProxy.From(builder.Configuration) is { } forwarded)
        {
            services.AddSingleton(forwarded);
        }

        builder.AddWorkflowSignIn().AddSignInWeb();
        services.AddProblemDetails();
        services.AddOpenApi();
        // Every endpoint reads at most a JSON body's bound unless it declares another (RequestBodyGuard raises it for
        // uploads and definitions); and the server does not name itself.
        var jsonBodyBytes = builder.Configuration.GetSection("Limits").Get<RequestLimits>()?.JsonBodyBytes ?? new RequestLimits().JsonBodyBytes;
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = jsonBodyBytes;
            k.AddServerHeader = false;
        });
        return builder;
    }

    /// <summary>
    /// What every host needs: its options, the definitions folder (resolved, not read: each host reads what it needs of
    /// it), the clock, and the database, holding the tables of <paramref name="schema"/>. The provider is chosen before anything is registered, so that an unknown one stops the
    /// host at once with a clear message, and the SQLite-only log checkpointer is not registered for another database.
    /// </summary>
    public static (string DefinitionsPath, ISqlDialect Dialect) AddHostBasics(this WebApplicationBuilder builder, DatabaseSchema schema)
    {
        var services = builder.Services;
        var engineSection = builder.Configuration.GetSection("Engine");
        var definitionsPath = InstallationPaths.ResolveDefinitions(
            engineSection["DefinitionsPath"] ?? new EngineOptions().DefinitionsPath,
            builder.Environment.ContentRootPath);
        services.Configure<EngineOptions>(engineSection);
        services.PostConfigure<EngineOptions>(o =>
        {
            o.DefinitionsPath = definitionsPath;
            o.BlobPath = Path.GetFullPath(o.BlobPath);
        });
        services.Configure<DatabaseOptions>(builder.Configuration.GetSection("Database"));
        services.Configure<MessagingOptions>(builder.Configuration.GetSection("Messaging"));
        services.Configure<InboxOptions>(builder.Configuration.GetSection("Messaging"));
        services.TryAddSingleton(ShiftedTimeProvider.From(builder.Configuration, builder.Environment));

        var dialect = SqlDialects.ByName(builder.Configuration.GetSection("Database").Get<DatabaseOptions>()?.Provider ?? new DatabaseOptions().Provider);
        services.AddSingleton(sp => CreateDatabase(dialect, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, schema));
        // /health reports the database through the AspNetCore.HealthChecks package of its provider (and the bus through
        // MassTransit's own checks, which follow the broker connection the host uses). PostgreSQL's check asks through the
        // dialect's one data source: given the connection string it would build a pool of its own, with server processes
        // and catalog caches of its own beside the dialect's. (SqlClient pools by connection string, so SQL Server's check
        // shares the dialect's pool as it is.)
        var checks = services.AddHealthChecks();
        var tags = new[] { "database" };
        _ = dialect switch
        {
            SqliteDialect => checks.AddSqlite(
                InstallationPaths.AbsoluteSqlite(builder.Configuration.GetSection("Database").Get<DatabaseOptions>()?.ConnectionString ?? new DatabaseOptions().ConnectionString),
                healthQuery: "SELECT 1", name: "sqlite", tags: tags),
            PostgreSqlDialect => checks.AddNpgSql(sp => PostgreSqlDialect.DataSource(sp.GetRequiredService<Database>().ConnectionString), name: "postgresql", tags: tags),
            _ => checks.AddSqlServer(sp => sp.GetRequiredService<Database>().ConnectionString, name: "sqlserver", tags: tags),
        };
        return (definitionsPath, dialect);
    }

    /// <summary>SQLite's log checkpointer, after the startup tasks that migrate the database (hosted services start in order).</summary>
    public static void AddDialectServices(this IServiceCollection services, ISqlDialect dialect)
    {
        if (dialect.CheckpointSql is not null)
        {
            services.AddHostedService<LogCheckpointer>();
        }
    }

    private static Database CreateDatabase(ISqlDialect dialect, DatabaseOptions options, DatabaseSchema schema)
    {
        if (dialect is SqliteDialect)
        {
            return new Database(dialect, InstallationPaths.AbsoluteSqlite(options.ConnectionString), schema);
        }

        try
        {
            // Parsed here, so that a string meant for another database is refused before the first connection tries it.
            using var probe = dialect.CreateConnection(options.ConnectionString);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException(
                $"Database:ConnectionString is not a {dialect.Name} connection string ({ex.Message}). Set --Database:ConnectionString=… for Database:Provider={dialect.Name}.", ex);
        }

        return new Database(dialect, options.ConnectionString, schema);
    }

    public static MessagingOptions MessagingOf(ConfigurationManager configuration)
    {
        // The binder drops a dictionary entry whose value does not convert, without a word: an endpoint's limit that is
        // no number would silently fall back to the default.
        foreach (var endpoint in configuration.GetSection("Messaging:Endpoints").GetChildren())
        {
            foreach (var setting in endpoint.GetChildren())
            {
                if (!int.TryParse(setting.Value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out _))
                {
                    throw new InvalidOperationException($"{setting.Path} “{setting.Value}” is not a whole number of messages.");
                }
            }
        }

        return configuration.GetSection("Messaging").Get<MessagingOptions>() ?? new MessagingOptions();
    }
}
