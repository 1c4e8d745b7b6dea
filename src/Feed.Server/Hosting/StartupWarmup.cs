using Feed.Documents;
using Feed.Items;
using Feed.Publishing;

namespace Feed.Server.Hosting;

/// <summary>
/// The first story a process reads and publishes pays for readying the front matter reader,
/// Markdown, the sanitizer, the feed writers and the compressors: about 60 ms of a native start's
/// first rebuild, on the path to the first healthy answer whatever the folder holds. A made-up story goes
/// through them on the second core while the host is built, so the folder's first pass finds
/// them ready. Nothing of it is kept, served or said.
/// </summary>
internal static class StartupWarmup
{
    const string Story = """
        ---
        title: "Warm-up"
        date: 2024-06-27T09:00:00+05:00
        author: "Feed"
        tags: [feed]
        summary: "Readies the readers and writers."
        ---

        ## A heading

        A paragraph with *emphasis*, **strong** text, `code` and [a link](https://example.com/).

        - a list
        - of two

        > A quote.
        """;

    public static void Start() => ThreadPool.UnsafeQueueUserWorkItem(static _ => Run(), null);

    /// <summary>Reads and publishes the made-up story; its snapshot, or null if anything failed.</summary>
    internal static FeedSnapshot? Run()
    {
        try
        {
            // A budget no warm-up can spend: an overrun would be reported as if a real story had one.
            var settings = new FeedSettings { BaseUrl = new Uri("https://warm-up.invalid/"), MaxItemRenderTime = TimeSpan.FromHours(1) };
            var now = DateTimeOffset.UtcNow;
            var parsed = ItemParser.Parse(new ItemSource("2024-06-27-warm-up.md", System.Text.Encoding.UTF8.GetBytes(Story), now), settings);
            // Its own cache: nothing of it takes room from the site's renders.
            return parsed.Item is { } item ? FeedSnapshot.Build(Publication.Select([item], now), settings, cache: new RenderCache(1 << 20)) : null;
        }
        catch (Exception)
        {
            // Only time is at stake: the first real story readies whatever this did not.
            return null;
        }
    }
}
