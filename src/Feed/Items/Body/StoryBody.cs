namespace Feed.Items.Body;

/// <summary>An item's body rendered to HTML, with the pieces titles and summaries derive from.</summary>
/// <param name="Html">The body as HTML, URLs not yet absolute.</param>
/// <param name="Heading">The first heading's text, when the body has one.</param>
/// <param name="FirstParagraph">The first paragraph as plain text, when the body has one.</param>
public sealed record StoryBody(string Html, string? Heading, string? FirstParagraph);
