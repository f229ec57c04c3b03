using System.Net;
using System.Text.RegularExpressions;

namespace WorkflowEngine.Testing;

/// <summary>
/// A browser without scripts, across sites: keeps each site's cookies, follows redirects, and submits a form as a person
/// would (its hidden fields, plus what they type). The one script it runs is the one an OpenID Connect form_post page
/// runs, submitting its form at once.
/// </summary>
public sealed partial class FormBrowser : IDisposable
{
    private const int MaxHops = 10;
    private readonly HttpClient _client;

    public FormBrowser() =>
        _client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = Cookies }) { Timeout = TimeSpan.FromSeconds(30) };

    public CookieContainer Cookies { get; } = new();

    /// <summary>Every address the browser was at, in order.</summary>
    public List<Uri> History { get; } = [];

    public Task<BrowserPage> GetAsync(Uri url) => FollowAsync(new HttpRequestMessage(HttpMethod.Get, url));

    /// <summary>Submits the page's form whose action contains <paramref name="action"/>, with <paramref name="typed"/> over its own fields.</summary>
    public Task<BrowserPage> SubmitAsync(BrowserPage page, string action, params (string Name, string Value)[] typed)
    {
        var form = Forms(page).FirstOrDefault(f => f.Action.Contains(action, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No form posting to '{action}' on {page.Url}:{Environment.NewLine}{page.Html}");
        var fields = new Dictionary<string, string>(form.Fields, StringComparer.Ordinal);
        foreach (var (name, value) in typed)
        {
            fields[name] = value;
        }

        return FollowAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(page.Url, form.Action)) { Content = new FormUrlEncodedContent(fields) });
    }

    private async Task<BrowserPage> FollowAsync(HttpRequestMessage request)
    {
        for (var hop = 0; hop < MaxHops; hop++)
        {
            History.Add(request.RequestUri!);
            using var response = await _client.SendAsync(request);
            request.Dispose();
            var raw = await response.Content.ReadAsStringAsync();
            var page = new BrowserPage(request.RequestUri!, response.StatusCode, WebUtility.HtmlDecode(raw), raw);
            if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                request = new HttpRequestMessage(HttpMethod.Get, new Uri(page.Url, location));
            }
            else if (page.Raw.Contains("document.forms[0].submit()", StringComparison.Ordinal) && Forms(page).FirstOrDefault() is { } autoPost)
            {
                request = new HttpRequestMessage(HttpMethod.Post, new Uri(page.Url, autoPost.Action)) { Content = new FormUrlEncodedContent(autoPost.Fields) };
            }
            else
            {
                return page;
            }
        }

        throw new InvalidOperationException($"More than {MaxHops} redirects: {string.Join(" → ", History.TakeLast(MaxHops))}");
    }

    private static IEnumerable<HtmlForm> Forms(BrowserPage page) =>
        FormTag().Matches(page.Raw).Select(form => new HtmlForm(
            WebUtility.HtmlDecode(Attribute(form.Groups["open"].Value, "action") ?? page.Url.PathAndQuery),
            InputTag().Matches(form.Groups["body"].Value)
                .Select(input => (Name: Attribute(input.Value, "name"), Value: Attribute(input.Value, "value") ?? ""))
                .Where(input => input.Name is not null)
                .GroupBy(input => input.Name!)
                .ToDictionary(g => WebUtility.HtmlDecode(g.Key), g => WebUtility.HtmlDecode(g.First().Value), StringComparer.Ordinal)));

    private static string? Attribute(string tag, string name) =>
        Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"") is { Success: true } match ? match.Groups[1].Value : null;

    [GeneratedRegex("(?<open><form\\b[^>]*>)(?<body>.*?)</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex FormTag();

    [GeneratedRegex("<input\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InputTag();

    public void Dispose() => _client.Dispose();

    private sealed record HtmlForm(string Action, Dictionary<string, string> Fields);
}
