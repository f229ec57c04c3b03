using System.Net;
using System.Net.Http.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// The public look-up (<c>POST /api/public/track</c>) counted against the submissions' limit, per address: bursts of
/// 20, then 10 a minute, so one address could try some 600 query codes an hour against one tracking number, and one
/// guesser's burst used up the limit of every citizen behind the same address. The look-up now has its own limit per
/// address and tracking number: a handful of tries for one number, then 429 with Retry-After, while another address,
/// and the same address with another number, are still answered.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_11_QueryCodesCouldBeGuessedAtSpeed
{
    [Fact]
    public async Task GuessingCodesForOneNumber_IsStoppedAfterAHandful_WhileTheCitizenIsServed()
    {
        await using var host = await AllInOneHost.StartAsync(extraArgs:
        [
            // The shipped submissions' limit, which the look-up used to share (the tests' hosts lift it).
            "--RateLimits:Submissions:TokenLimit=20",
            "--RateLimits:Submissions:TokensPerPeriod=10",
            // The tests' host listens on loopback: "the proxy" is the test itself, so each client names its address.
            "--ReverseProxy:KnownProxies:0=127.0.0.1",
        ]);
        var receipt = await PublicTrackPageTests.WalkInAsync(host);
        var (number, code) = (receipt.Number, receipt.Code);
        using var guesser = Forwarded(host, "203.0.113.10");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var guess = await guesser.PostAsJsonAsync("/api/public/track", new { trackingNumber = number, queryCode = $"AAAA-AAA{i}" });
            statuses.Add(guess.StatusCode);
        }

        using var english = new HttpRequestMessage(HttpMethod.Post, "/api/public/track") { Content = JsonContent.Create(new { trackingNumber = number, queryCode = code }) };
        english.Headers.Add("Accept-Language", "en");
        using var refused = await guesser.SendAsync(english);
        using var citizen = Forwarded(host, "203.0.113.11");
        using var served = await citizen.PostAsJsonAsync("/api/public/track", new { trackingNumber = number, queryCode = code });
        using var anotherNumber = await guesser.PostAsJsonAsync("/api/public/track", new { trackingNumber = "YB20990101-AAAAAAAC", queryCode = code });

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.NotFound, 5), HttpStatusCode.TooManyRequests], statuses);
        // Refused even with the right code: a guesser over the limit learns nothing.
        var problem = await ProblemAssert.IsAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("Too many look-ups", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, anotherNumber.StatusCode);
    }

    private static HttpClient Forwarded(AllInOneHost host, string clientAddress)
    {
        var client = host.Client();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", clientAddress);
        return client;
    }
}
