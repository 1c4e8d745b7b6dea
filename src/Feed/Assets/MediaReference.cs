namespace Feed.Assets;

/// <summary>
/// A file a story shows or attaches, where its file names it: checked against the files served
/// (<see cref="AssetSet.Check"/>), so a missing picture is a warning naming the file and line.
/// </summary>
/// <param name="Url">Absolute.</param>
/// <param name="Line">The line of the story's file that names it, when known.</param>
/// <param name="What">"lead image", "enclosure" or "inline image", as a warning says it.</param>
public sealed record MediaReference(Uri Url, int? Line, string What);
