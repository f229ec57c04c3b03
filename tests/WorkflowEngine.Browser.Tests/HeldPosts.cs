using Microsoft.Playwright;

namespace WorkflowEngine.Browser.Tests;

/// <summary>
/// The posts a page sends to the addresses <c>url</c> matches, each taken by the server at once, the answer to the first
/// held back until <see cref="Release"/>: as on a slow line, where staff click again because nothing seems to happen.
/// </summary>
internal sealed class HeldPosts
{
    private readonly TaskCompletionSource _firstArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _posts;

    /// <summary>How many posts the page sent.</summary>
    public int Count => Volatile.Read(ref _posts);

    public static async Task<HeldPosts> RouteAsync(IPage page, Func<string, bool> url)
    {
        var held = new HeldPosts();
        await page.RouteAsync(url, held.Handle);
        return held;
    }

    /// <summary>Waits for the first post to reach the server (and its answer to come back to the test).</summary>
    public Task FirstArrivedAsync() => _firstArrived.Task.WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>Lets the first post's answer through to the page.</summary>
    public void Release() => _release.TrySetResult();

    private Task Handle(IRoute route)
    {
        if (route.Request.Method != "POST")
        {
            return route.ContinueAsync();
        }

        // Answered apart from Playwright's dispatch of route events, which must not wait for the release.
        var first = Interlocked.Increment(ref _posts) == 1;
        _ = Task.Run(async () =>
        {
            try
            {
                var answer = await route.FetchAsync(new() { MaxRedirects = 0 });
                if (first)
                {
                    _firstArrived.TrySetResult();
                    await _release.Task.WaitAsync(TimeSpan.FromSeconds(30));
                }

                await route.FulfillAsync(new() { Response = answer });
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException)
            {
                // The browser gave up on this request for a later one.
                _firstArrived.TrySetException(e);
            }
        });
        return Task.CompletedTask;
    }
}
