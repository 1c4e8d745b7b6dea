namespace Feed.Items;

/// <summary>One item file as read from disk.</summary>
/// <param name="Path">Relative to the items folder, with '/' separators; names the file in every message.</param>
/// <param name="Bytes">The file's whole content.</param>
/// <param name="SeenAt">
/// When Feed read the file: the date of a file that gives none, until the ledger says when Feed
/// first published it. Never the modification time, which git, copies and restores move.
/// </param>
public sealed record ItemSource(string Path, ReadOnlyMemory<byte> Bytes, DateTimeOffset SeenAt);
