namespace Feed.Items.Body;

/// <summary>
/// An item's body as HTML: either given, or rendered when a document first shows it. A rendered
/// body is held in <see cref="RenderCache.Shared"/>, bounded by bytes, unless the item is kept
/// (<see cref="Keep"/>: a story of the main feeds, which every poll shows); one that was dropped
/// is rendered again, to the same HTML, when next shown.
/// </summary>
public sealed class BodyHtml
{
    // What renders the body: a recipe and a static function of it, rather than a closure per item
    // (a closure, its delegate and the captures were 150 bytes a story, held for its life).
    readonly object? _recipe;
    readonly Func<object, string>? _render;
    string? _kept;

    BodyHtml(string? html, object? recipe, Func<object, string>? render)
    {
        _kept = html;
        _recipe = recipe;
        _render = render;
    }

    /// <summary>The empty body.</summary>
    public static BodyHtml Empty { get; } = new(string.Empty, null, null);

    /// <summary>HTML given as it is, held for the item's life.</summary>
    public static BodyHtml Of(string html) => new(html, null, null);

    /// <summary>HTML made by <paramref name="render"/> when first shown; <paramref name="render"/> must give the same HTML every time.</summary>
    public static BodyHtml Rendered(Func<string> render) => new(null, render, static render => ((Func<string>)render)());

    /// <summary>HTML made from <paramref name="recipe"/> by <paramref name="render"/> (a static function) when first shown; it must give the same HTML every time.</summary>
    public static BodyHtml Rendered(object recipe, Func<object, string> render) => new(null, recipe, render);

    /// <summary>The body as HTML.</summary>
    public string Html => Volatile.Read(ref _kept) ?? RenderCache.Shared.GetOrAdd(this, null, this, static body => body.Render(), SizeOf);

    string Render() => _render!(_recipe!);

    /// <summary>True while the HTML is held for the item's life rather than in the cache.</summary>
    public bool IsKept => Volatile.Read(ref _kept) is not null;

    /// <summary>Renders the body now if need be, and holds it until <see cref="Release"/>.</summary>
    public void Keep()
    {
        if (Volatile.Read(ref _kept) is null)
            Volatile.Write(ref _kept, RenderCache.Shared.Find<string>(this, null) ?? Render());
    }

    /// <summary>Gives a kept body back to the cache's bound (a story that left the main feeds).</summary>
    public void Release()
    {
        if (_render is not null)
            Volatile.Write(ref _kept, null);
    }

    static long SizeOf(string html) => 24 + 2L * html.Length;
}
