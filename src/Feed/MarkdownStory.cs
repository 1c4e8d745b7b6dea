using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Feed;

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
    public static StoryBody Read(string markdown, bool dropLeadingHeading)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        var heading = document.Descendants<HeadingBlock>().FirstOrDefault();
        var headingText = heading?.Inline is { } inline ? PlainText(inline) : null;
        if (dropLeadingHeading && heading is not null && document.Count > 0 && document[0] == heading)
            document.RemoveAt(0);

        var firstParagraph = document.Descendants<ParagraphBlock>()
            .Select(p => p.Inline is { } i ? PlainText(i) : "")
            .FirstOrDefault(text => text.Length > 0);
        var html = document.ToHtml(Pipeline);
        return new StoryBody(html, string.IsNullOrWhiteSpace(headingText) ? null : headingText, firstParagraph);
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
