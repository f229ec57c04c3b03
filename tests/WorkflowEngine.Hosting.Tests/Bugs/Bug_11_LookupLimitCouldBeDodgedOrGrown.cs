using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WorkflowEngine.Hosting.Api.Window;
using WorkflowEngine.Hosting.Configuration;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// The public look-up's limit (<see cref="TrackingLookupLimiter"/>) kept a bucket per IPv6 address, so a guesser who
/// rotated addresses within the /64 every subscriber is given got fresh tries with each; it kept a bucket for every text
/// tried as a number, so a flood of made-up numbers grew the host's memory as long as the flood lasted; and text that
/// could be no number still counted as a try. Now an IPv6 client is keyed by its /64, the buckets are bounded, and such
/// text is refused before the limit with a message that says what a number looks like.
/// </summary>
public sealed class Bug_11_LookupLimitCouldBeDodgedOrGrown
{
    private const string Number = "YB20261126-7K3M9Q2X";

    [Fact]
    public void RotatingAddressesWithinOneIpv6Slash64_SharesOneBucket()
    {
        var limiter = Limiter(tokens: 3, new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T02:00:00Z")));

        var tries = Enumerable.Range(1, 4).Select(i => limiter.TryAcquire(From($"2001:db8:1:2::{i:x}"), Number)).ToArray();

        Assert.Equal([null, null, null], tries[..3]);
        Assert.NotNull(tries[3]);
        Assert.Null(limiter.TryAcquire(From("2001:db8:1:3::1"), Number));
        // An IPv4 client seen as IPv4-mapped IPv6 is the same client as without the mapping.
        Assert.Equal(TrackingLookupLimiter.NetworkOf(IPAddress.Parse("203.0.113.7")), TrackingLookupLimiter.NetworkOf(IPAddress.Parse("::ffff:203.0.113.7")));
    }

    [Fact]
    public void ManyDistinctNumbers_KeepTheBucketsWithinTheBound_AndFullBucketsAreDropped()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T02:00:00Z"));
        var limiter = Limiter(tokens: 2, time, partitions: 100);

        for (var i = 0; i < 5_000; i++)
        {
            limiter.TryAcquire(From($"2001:db8:{i % 7}::1"), $"YB20261126-{i:D8}");
        }

        Assert.Equal(100, limiter.PartitionCount);
        time.Advance(TimeSpan.FromMinutes(2));
        limiter.TryAcquire(From("198.51.100.1"), Number);
        Assert.Equal(1, limiter.PartitionCount);
    }

    [Fact]
    public void ABucketNotYetForgotten_StillRefuses_UntilAPeriodGivesATryBack()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T02:00:00Z"));
        var limiter = Limiter(tokens: 1, time);
        var guesser = From("198.51.100.9");

        Assert.Null(limiter.TryAcquire(guesser, Number));
        Assert.Equal(60, limiter.TryAcquire(guesser, Number));
        time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(1, limiter.TryAcquire(guesser, Number));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(limiter.TryAcquire(guesser, Number));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task TextThatIsNoNumber_IsRefusedWithoutCounting_AndARealNumberIsStillAnswered()
    {
        await using var host = await AllInOneHost.StartAsync(extraArgs: ["--RateLimits:Lookups:TokenLimit=2", "--RateLimits:Lookups:ReplenishmentPeriod=00:10:00"]);
        var receipt = await PublicTrackPageTests.WalkInAsync(host);
        using var client = host.Client();

        var garbage = new List<HttpStatusCode>();
        foreach (var text in new[] { new string('X', 100), "WE20990101000001", receipt.Number + "0", "DROP TABLE", receipt.Number[..^1] })
        {
            using var refused = await client.PostAsJsonAsync("/api/public/track", new { trackingNumber = text, queryCode = receipt.Code });
            garbage.Add(refused.StatusCode);
        }

        using var english = new HttpRequestMessage(HttpMethod.Post, "/api/public/track") { Content = JsonContent.Create(new { trackingNumber = "nonsense", queryCode = receipt.Code }) };
        english.Headers.Add("Accept-Language", "en");
        using var explained = await client.SendAsync(english);
        using var served = await client.PostAsJsonAsync("/api/public/track", new { trackingNumber = " " + receipt.Number.ToLowerInvariant(), queryCode = receipt.Code });

        Assert.All(garbage, status => Assert.Equal(HttpStatusCode.BadRequest, status));
        var problem = await ProblemAssert.IsAsync(explained, HttpStatusCode.BadRequest);
        Assert.Contains("not a tracking number", problem.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    private static TrackingLookupLimiter Limiter(int tokens, TimeProvider time, int partitions = 100_000) => new(
        Options.Create(new RateLimitSettings
        {
            Lookups = new TokenBucketSettings { TokenLimit = tokens, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromMinutes(1) },
            LookupPartitions = partitions,
        }),
        time);

    private static DefaultHttpContext From(string address)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(address);
        return context;
    }
}
