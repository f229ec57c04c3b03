using System.Net;

namespace WorkflowEngine.Testing;

/// <summary>Where a <see cref="FormBrowser"/> ended up: the address, its status, and the page's text (decoded, and as sent).</summary>
public sealed record BrowserPage(Uri Url, HttpStatusCode Status, string Html, string Raw);
