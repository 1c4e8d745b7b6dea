using System.Text;
using Feed.Assets;
using Feed.Items.Text;
using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Feed.Items.Body;

/// <summary>A Markdown body rendered with Markdig (CommonMark plus the common GitHub extensions).</summary>
public static class MarkdownStory
{
    // Built once: Markdig pipelines are immutable and thread-safe.
    static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseTaskLists()
        .UseFootnotes()
        .UseAutoLinks()
        .UseFigures()
        .Build();

    /// <param name="markdown">The body.</param>
    /// <param name="dropLeadingHeading">
    /// True when the first heading becomes the item's title: it then opens the body only in
    /// the title, not a second time at the top of the content.
    /// </param>
    public static StoryBody Read(string markdown, bool dropLeadingHeading) => Read(markdown, dropLeadingHeading, page: null);

    /// <summary>Renders only the HTML, with every relative URL made absolute against <paramref name="page"/>.</summary>
    public static string Html(string markdown, StoryLocation page) => Read(markdown, dropLeadingHeading: false, page).Html;

    /// <param name="markdown">The body.</param>
    /// <param name="dropLeadingHeading">Whether the first heading leaves the body (it is the title).</param>
    /// <param name="page">The item's page: relative URLs are resolved against it, or left as they are when null.</param>
    public static StoryBody Read(string markdown, bool dropLeadingHeading, StoryLocation? page)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        var heading = document.Descendants<HeadingBlock>().FirstOrDefault();
        var headingText = heading?.Inline is { } inline ? PlainText(inline) : null;
        if (dropLeadingHeading && heading is not null && document.Count > 0 && document[0] == heading)
            document.RemoveAt(0);
        DemoteHeadings(document);

        // Without a heading the title is the first sentence; when that sentence is the whole
        // first paragraph, the paragraph leaves the body, so the page does not say it twice.
        // Only a sentence of text: a paragraph of links or markup would lose what it links to.
        string? derivedTitle = null;
        if (dropLeadingHeading && heading is null && document.Count > 1 && document[0] is ParagraphBlock { Inline: { } lead }
            && !lead.FindDescendants<LinkInline>().Any() && !lead.FindDescendants<HtmlInline>().Any()
            && PlainText(lead) is var leadText && TextCut.WithoutFinalStop(leadText) is var sentence && sentence != leadText
            && TextCut.TitleFrom(leadText) == sentence)
        {
            derivedTitle = TextCut.TitleFrom(leadText);
            document.RemoveAt(0);
        }

        var firstParagraph = document.Descendants<ParagraphBlock>()
            .Select(p => p.Inline is { } i ? PlainText(i) : "")
            .FirstOrDefault(text => text.Length > 0);
        var html = page is null ? document.ToHtml(Pipeline) : RenderAbsolute(document, page);
        return new StoryBody(html, string.IsNullOrWhiteSpace(headingText) ? derivedTitle : headingText, firstParagraph);
    }

    /// <summary>
    /// The item's title is the one &lt;h1&gt; of its page (and the heading a reader shows above the
    /// content), so a body that has level-1 headings moves every heading down a level, keeping
    /// their order of rank.
    /// </summary>
    static void DemoteHeadings(MarkdownDocument document)
    {
        var headings = document.Descendants<HeadingBlock>().ToList();
        if (!headings.Exists(h => h.Level == 1))
            return;
        foreach (var heading in headings)
            heading.Level = Math.Min(heading.Level + 1, 6);
    }

    static string RenderAbsolute(MarkdownDocument document, StoryLocation page)
    {
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer) { LinkRewriter = url => AbsoluteUrls.ResolveUrl(page, url) };
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        var html = writer.ToString();
        // Markdown links are resolved as they are written; raw HTML needs a pass of its own.
        var hasRawHtml = document.Descendants<HtmlBlock>().Any() || document.Descendants<HtmlInline>().Any();
        return hasRawHtml ? AbsoluteUrls.Resolve(html, page) : html;
    }

    static string PlainText(ContainerInline container)
    {
        var text = new StringBuilder();
        Append(container, text);
        return TextCut.CollapseWhitespace(text.ToString());

        static void Append(Inline? inline, StringBuilder text)
        {
            for (; inline is not null; inline = inline.NextSibling)
            {
                switch (inline)
                {
                    case LiteralInline literal: text.Append(literal.Content); break;
                    case CodeInline code: text.Append(code.Content); break;
                    case HtmlEntityInline entity: text.Append(entity.Transcoded); break;
                    case AutolinkInline autolink: text.Append(autolink.Url); break;
                    case LineBreakInline: text.Append(' '); break;
                    case ContainerInline child: Append(child.FirstChild, text); break;
                }
            }
        }
    }
}
