using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace WorkflowEngine.Testing.Platform;

/// <summary>
/// A small OpenID Connect provider standing in for a government's unified identity platform, on a loopback port of the
/// test process and speaking the real protocol: a discovery document, a JWKS with its RSA key, an authorization
/// endpoint with a sign-in form (authorization code only, PKCE with S256 required, the answer posted back to the
/// registered redirect URI), a token endpoint that checks the client secret, the redirect URI and the PKCE verifier,
/// redeems each code once, and issues an RS256 id_token (with the nonce and at_hash) and a JWT access token for the API,
/// and an end_session_endpoint (RP-initiated logout) that records each request and sends the browser back to the
/// registered post-logout redirect URI.
/// A test can have it get the next token wrong (<see cref="Tampering"/>).
/// </summary>
public sealed class IdentityPlatform : IAsyncDisposable
{
    public const string ClientId = "workflow-engine";
    public const string ClientSecret = "platform-client-secret";
    public const string ApiAudience = "workflow-engine-api";

    private static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(5);

    private readonly WebApplication _app;
    private readonly TimeProvider _clock;
    private readonly RsaSecurityKey _key = NewKey();
    private readonly ConcurrentDictionary<string, PlatformUser> _users = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Grant> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<string> _redirectUris = [];
    private readonly ConcurrentBag<string> _postLogoutRedirectUris = [];
    private readonly ConcurrentQueue<IReadOnlyDictionary<string, string>> _endSessions = new();
    private readonly JsonWebTokenHandler _tokens = new();
    private int _redeemed;

    private IdentityPlatform(WebApplication app, TimeProvider clock)
    {
        _app = app;
        _clock = clock;
    }

    /// <summary>The platform's issuer, e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public string Authority { get; private set; } = "";

    /// <summary>What the next id_token or access token gets wrong; back to <see cref="PlatformTampering.None"/> once issued.</summary>
    public PlatformTampering Tampering { get; set; }

    /// <summary>Every request to end a session that reached the platform, with its query parameters, oldest first.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> EndSessions => [.. _endSessions];

    /// <summary>How many codes were redeemed at the token endpoint.</summary>
    public int CodesRedeemed => _redeemed;

    /// <summary>Whether the discovery document names an end_session_endpoint; some platforms offer no sign-out.</summary>
    public bool PublishesEndSession { get; private init; } = true;

    public static async Task<IdentityPlatform> StartAsync(TimeProvider? clock = null, bool publishesEndSession = true)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var platform = new IdentityPlatform(app, clock ?? TimeProvider.System) { PublishesEndSession = publishesEndSession };
        app.MapGet("/.well-known/openid-configuration", platform.Discovery);
        app.MapGet("/jwks", platform.Keys);
        app.MapGet("/authorize", platform.AuthorizeAsync);
        app.MapPost("/authorize", platform.SignInAsync);
        app.MapPost("/token", platform.TokenAsync);
        app.MapGet("/end-session", platform.EndSession);
        await app.StartAsync();
        platform.Authority = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return platform;
    }

    /// <summary>Registers the client's redirect URI (the host's <c>/signin-oidc</c>), known once the host has its port.</summary>
    public void AllowRedirectTo(Uri redirectUri) => _redirectUris.Add(redirectUri.AbsoluteUri);

    /// <summary>Registers where the platform may send the browser after sign-out (the host's <c>/signout-callback-oidc</c>).</summary>
    public void AllowPostLogoutRedirectTo(Uri redirectUri) => _postLogoutRedirectUris.Add(redirectUri.AbsoluteUri);

    public void Add(PlatformUser user) => _users[user.UserName] = user;

    /// <summary>An access token the platform issues to one of its users for an API (a script's token).</summary>
    public string AccessTokenFor(string userName, string audience = ApiAudience) => AccessToken(_users[userName], audience);

    private IResult Discovery()
    {
        var discovery = Metadata();
        if (PublishesEndSession)
        {
            discovery["end_session_endpoint"] = Authority + "/end-session";
        }

        return Results.Json(discovery);
    }

    private Dictionary<string, object> Metadata() => new()
    {
        ["issuer"] = Authority,
        ["authorization_endpoint"] = Authority + "/authorize",
        ["token_endpoint"] = Authority + "/token",
        ["jwks_uri"] = Authority + "/jwks",
        ["response_types_supported"] = new[] { "code" },
        ["response_modes_supported"] = new[] { "form_post", "query" },
        ["grant_types_supported"] = new[] { "authorization_code" },
        ["subject_types_supported"] = new[] { "public" },
        ["id_token_signing_alg_values_supported"] = new[] { SecurityAlgorithms.RsaSha256 },
        ["code_challenge_methods_supported"] = new[] { "S256" },
        ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "client_secret_basic" },
        ["scopes_supported"] = new[] { "openid", "profile" },
    };

    private IResult Keys()
    {
        var parameters = _key.Rsa.ExportParameters(includePrivateParameters: false);
        return Results.Json(new
        {
            keys = new[]
            {
                new { kty = "RSA", use = "sig", alg = SecurityAlgorithms.RsaSha256, kid = _key.KeyId, n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) },
            },
        });
    }

    /// <summary>
    /// Ends the person's session at the platform: back to the client's post-logout redirect URI (with its state) when that
    /// is registered, as a real platform does; otherwise a page saying the person has signed out.
    /// </summary>
    private IResult EndSession(HttpRequest request)
    {
        var query = request.Query.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
        _endSessions.Enqueue(query);
        if (query.GetValueOrDefault("post_logout_redirect_uri") is { Length: > 0 } back && _postLogoutRedirectUris.Contains(back))
        {
            return Results.Redirect(query.GetValueOrDefault("state") is { Length: > 0 } state ? back + "?state=" + Uri.EscapeDataString(state) : back);
        }

        return Html("<h1>统一身份认证平台</h1><p>您已退出登录。</p>");
    }

    /// <summary>The platform's sign-in form, for an authorization request it accepts.</summary>
    private IResult AuthorizeAsync(HttpRequest request)
    {
        var query = request.Query.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
        return Refusal(query) is { } refusal ? refusal : Html(SignInForm(query, null));
    }

    /// <summary>The person signs in: the code goes back to the client, posted by the browser (form_post) or in the query.</summary>
    private async Task<IResult> SignInAsync(HttpRequest request)
    {
        var form = (await request.ReadFormAsync()).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
        if (Refusal(form) is { } refusal)
        {
            return refusal;
        }

        var answer = new Dictionary<string, string>(StringComparer.Ordinal);
        if (form.GetValueOrDefault("cancel") is { Length: > 0 })
        {
            answer["error"] = "access_denied";
        }
        else if (!_users.TryGetValue(form.GetValueOrDefault("username") ?? "", out var user))
        {
            return Html(SignInForm(form, "用户名不存在"));
        }
        else
        {
            var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
            _codes[code] = new Grant(user, form["redirect_uri"], form["code_challenge"], form.GetValueOrDefault("nonce"));
            answer["code"] = code;
        }

        if (form.GetValueOrDefault("state") is { Length: > 0 } state)
        {
            answer["state"] = state;
        }

        if (form.GetValueOrDefault("response_mode") == "form_post")
        {
            var fields = string.Concat(answer.Select(a => $"<input type=\"hidden\" name=\"{a.Key}\" value=\"{WebUtility.HtmlEncode(a.Value)}\">"));
            return Html($"<form method=\"post\" action=\"{WebUtility.HtmlEncode(form["redirect_uri"])}\">{fields}</form><script>document.forms[0].submit()</script>");
        }

        return Results.Redirect(form["redirect_uri"] + "?" + string.Join('&', answer.Select(a => a.Key + "=" + Uri.EscapeDataString(a.Value))));
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        var (clientId, secret) = ClientCredentials(request, form);
        if (clientId != ClientId || secret != ClientSecret)
        {
            return Results.Json(new { error = "invalid_client" }, statusCode: StatusCodes.Status401Unauthorized);
        }

        if (form["grant_type"] != "authorization_code" || !_codes.TryRemove(form["code"].ToString(), out var grant))
        {
            return Results.Json(new { error = "invalid_grant", error_description = "unknown or used code" }, statusCode: StatusCodes.Status400BadRequest);
        }

        var verifier = form["code_verifier"].ToString();
        if (form["redirect_uri"] != grant.RedirectUri || verifier.Length < 43 || Challenge(verifier) != grant.CodeChallenge)
        {
            return Results.Json(new { error = "invalid_grant", error_description = "redirect_uri or PKCE verifier mismatch" }, statusCode: StatusCodes.Status400BadRequest);
        }

        Interlocked.Increment(ref _redeemed);
        var tampering = Tampering;
        Tampering = PlatformTampering.None;
        var accessToken = AccessToken(grant.User, ApiAudience, PlatformTampering.None);
        var claims = new Dictionary<string, object>(grant.User.Claims, StringComparer.Ordinal)
        {
            ["sub"] = grant.User.Subject,
            ["at_hash"] = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken))[..16]),
        };
        if (grant.Nonce is { } nonce)
        {
            claims["nonce"] = tampering == PlatformTampering.WrongNonce ? "a-nonce-this-client-never-sent" : nonce;
        }

        return Results.Json(new
        {
            access_token = accessToken,
            token_type = "Bearer",
            expires_in = (int)TokenLifetime.TotalSeconds,
            id_token = Sign(claims, ClientId, tampering),
            scope = "openid profile",
        });
    }

    private string AccessToken(PlatformUser user, string audience, PlatformTampering? tampering = null)
    {
        var how = tampering ?? Tampering;
        if (tampering is null)
        {
            Tampering = PlatformTampering.None;
        }

        var claims = new Dictionary<string, object>(user.Claims, StringComparer.Ordinal) { ["sub"] = user.Subject, ["scope"] = "openid profile", ["client_id"] = ClientId };
        return Sign(claims, audience, how);
    }

    private string Sign(Dictionary<string, object> claims, string audience, PlatformTampering tampering)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        var issued = tampering == PlatformTampering.Expired ? now - TokenLifetime - TimeSpan.FromMinutes(10) : now;
        var key = tampering == PlatformTampering.WrongSignature ? new RsaSecurityKey(RSA.Create(2048)) { KeyId = _key.KeyId } : _key;
        return _tokens.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = tampering == PlatformTampering.WrongAudience ? "another-application" : audience,
            IssuedAt = issued,
            NotBefore = issued,
            Expires = issued + TokenLifetime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>Why the platform will not take an authorization request (a 400 page, as a real platform shows); null when it will.</summary>
    private IResult? Refusal(IReadOnlyDictionary<string, string> request)
    {
        var problem =
            request.GetValueOrDefault("client_id") != ClientId ? "unknown client_id"
            : !_redirectUris.Contains(request.GetValueOrDefault("redirect_uri") ?? "") ? "redirect_uri not registered for this client"
            : request.GetValueOrDefault("response_type") != "code" ? "only response_type=code"
            : !(request.GetValueOrDefault("scope") ?? "").Split(' ').Contains("openid") ? "scope must include openid"
            : request.GetValueOrDefault("code_challenge_method") != "S256" || string.IsNullOrEmpty(request.GetValueOrDefault("code_challenge")) ? "PKCE with S256 is required"
            : null;
        return problem is null ? null : Results.Content($"<h1>invalid_request</h1><p>{WebUtility.HtmlEncode(problem)}</p>", "text/html; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
    }

    private static string SignInForm(IReadOnlyDictionary<string, string> request, string? error)
    {
        var hidden = string.Concat(request
            .Where(p => p.Key is not ("username" or "cancel"))
            .Select(p => $"<input type=\"hidden\" name=\"{WebUtility.HtmlEncode(p.Key)}\" value=\"{WebUtility.HtmlEncode(p.Value)}\">"));
        var message = error is null ? "" : $"<p role=\"alert\">{WebUtility.HtmlEncode(error)}</p>";
        return $"<h1>统一身份认证平台</h1>{message}<form method=\"post\" action=\"/authorize\">{hidden}"
            + "<label for=\"username\">用户名</label><input id=\"username\" name=\"username\"><button type=\"submit\">登录</button></form>";
    }

    private static IResult Html(string body) =>
        Results.Content($"<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>统一身份认证平台</title></head><body>{body}</body></html>", "text/html; charset=utf-8");

    private static (string? ClientId, string? Secret) ClientCredentials(HttpRequest request, IFormCollection form)
    {
        if (request.Headers.Authorization.ToString() is { } header && header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..])).Split(':', 2);
            return (Uri.UnescapeDataString(pair[0]), pair.Length > 1 ? Uri.UnescapeDataString(pair[1]) : null);
        }

        return (form["client_id"], form["client_secret"]);
    }

    private static string Challenge(string verifier) => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private static RsaSecurityKey NewKey() => new(RSA.Create(2048)) { KeyId = "platform-signing-1" };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed record Grant(PlatformUser User, string RedirectUri, string CodeChallenge, string? Nonce);
}
