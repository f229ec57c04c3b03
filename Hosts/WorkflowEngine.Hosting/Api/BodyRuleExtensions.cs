using Microsoft.AspNetCore.Builder;

namespace WorkflowEngine.Hosting.Api;

/// <summary>Declares on an endpoint what body it reads.</summary>
public static class BodyRuleExtensions
{
    public static RouteHandlerBuilder Reads(this RouteHandlerBuilder endpoint, BodyRule rule) => endpoint.WithMetadata(rule);
}
