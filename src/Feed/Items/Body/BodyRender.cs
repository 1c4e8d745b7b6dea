using System.Text;
using Feed.Assets;
using Feed.Items.Text;

namespace Feed.Items.Body;

/// <summary>
/// How an item's body becomes the HTML documents show: Markdown may carry raw HTML (plain text
/// never does: it is escaped), so it is sanitized inside the item's one lazy render, paid once per
/// item change, never per request. Entities the renderer and the sanitizer decode may spell what
/// XML forbids, so each result is stripped again as the last step.
/// </summary>
internal static class BodyRender
{
    /// <summary>A body rendered while parsing (its title or summary came from it), sanitized when first shown.</summary>
    public static BodyHtml Rendered(string html, bool sanitize, string path, TimeSpan limit, string markdown, int bodyLine)
    {
        html = XmlChars.Strip(html);
        if (!sanitize)
            return BodyHtml.Of(html);
        if (!TextLoss.MayLose(markdown))
            return BodyHtml.Rendered(() => ItemBudget.Timed(path, limit, () => Sanitized(html)));
        // Only a body with raw HTML keeps its Markdown until the render, to say where text was lost.
        return BodyHtml.Rendered(() =>
        {
            var clean = ItemBudget.Timed(path, limit, () => Sanitized(html));
            TextLoss.Check(path, markdown, bodyLine, html, clean);
            return clean;
        });
    }

    /// <summary>A body that waits (<see cref="PendingBody"/>), rendered from Markdown when first shown.</summary>
    public static BodyHtml Deferred(PendingBody pending, StoryLocation page, bool trusted, string path, TimeSpan limit, int bodyLine) =>
        BodyHtml.Rendered(new DeferredRecipe(pending, page, trusted, path, limit, bodyLine), static recipe => ((DeferredRecipe)recipe).Render());

    /// <summary>What a waiting body is rendered from: one object a story, held for its life.</summary>
    sealed class DeferredRecipe(PendingBody pending, StoryLocation page, bool trusted, string path, TimeSpan limit, int bodyLine)
    {
        public string Render()
        {
            (string Markdown, string Html)? judged = null;
            var clean = ItemBudget.Timed(path, limit, () => BodyRender.Render(pending, page, trusted, path, out judged));
            if (judged is var (markdown, html))
                TextLoss.Check(path, markdown, bodyLine, html, clean);
            return clean;
        }
    }

    static string Render(PendingBody pending, StoryLocation page, bool trusted, string path, out (string Markdown, string Html)? judged)
    {
        judged = null;
        string markdown;
        try
        {
            markdown = Encoding.UTF8.GetString(pending.Utf8().Span);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The body store (a temporary file) failed: the item is shown with its summary only
            // rather than failing every document that shows it, and the server is told.
            PendingBody.ReportReadFailed(path, e);
            return "";
        }
        try
        {
            var html = XmlChars.Strip(MarkdownStory.Html(markdown, page));
            if (trusted)
                return html;
            if (TextLoss.MayLose(markdown))
                judged = (markdown, html);
            return Sanitized(html);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Rendered inside a request: a Markdown bug must not fail the document; the
            // story is shown as plain paragraphs instead.
            return XmlChars.Strip(PlainTextStory.Read(markdown).Html);
        }
    }

    static string Sanitized(string html) => XmlChars.Strip(ContentSanitizer.Clean(html));
}
