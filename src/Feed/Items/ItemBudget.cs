using System.Globalization;
using Feed.Items.Body;

namespace Feed.Items;

/// <summary>
/// The time one item may take to be parsed and rendered (Feed:MaxItemRenderTime, docs/security.md),
/// started when its parse starts and read on an injected clock, so tests can make a
/// parse slow without waiting for one.
/// </summary>
public sealed class ItemBudget(TimeSpan limit, TimeProvider clock)
{
    readonly long _start = clock.GetTimestamp();

    public TimeSpan Limit => limit;

    public TimeSpan Elapsed => clock.GetElapsedTime(_start);

    /// <summary>True once the time is spent (and from then on <see cref="WasSpent"/>).</summary>
    public bool IsSpent => WasSpent = WasSpent || Elapsed > limit;

    /// <summary>Whether <see cref="IsSpent"/> has said so.</summary>
    public bool WasSpent { get; private set; }

    /// <summary>
    /// Raised when an item's render, made when a document first shows it, took longer than its
    /// budget: it cannot be cancelled once started, so it is measured and reported (the server logs
    /// it) rather than stopped; <see cref="MarkupBounds"/> keeps what is known to be slow out.
    /// </summary>
    public static event Action<ItemProblem>? Overrun;

    /// <summary>Runs a render, and reports it through <see cref="Overrun"/> when it took longer than <paramref name="limit"/>.</summary>
    internal static string Timed(string path, TimeSpan limit, Func<string> render)
    {
        var started = TimeProvider.System.GetTimestamp();
        var html = render();
        var took = TimeProvider.System.GetElapsedTime(started);
        if (took <= limit)
            return html;
        // The first render in a process also compiles Markdig and the sanitizer (seconds on a
        // loaded machine): rendered again, and reported only when slow both times.
        started = TimeProvider.System.GetTimestamp();
        html = render();
        took = TimeProvider.System.GetElapsedTime(started);
        if (took > limit)
            Overrun?.Invoke(new ItemProblem(path, null, Exceeded(limit, "render") + string.Create(CultureInfo.InvariantCulture, $" (it took {Words(took)})"), ProblemLevel.Warning));
        return html;
    }

    /// <summary>"took longer than Feed:MaxItemRenderTime (1 s) to WHAT; ...": the one wording of a spent budget.</summary>
    public static string Exceeded(TimeSpan limit, string what) =>
        $"took longer than Feed:MaxItemRenderTime ({Words(limit)}) to {what}; simplify the story or raise the limit";

    /// <summary>A time span as an operator writes it: "1 s", "250 ms", "1.5 s".</summary>
    public static string Words(TimeSpan span) => span.TotalSeconds >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.###} s")
        : string.Create(CultureInfo.InvariantCulture, $"{span.TotalMilliseconds:0.###} ms");
}
