namespace Feed.Items;

/// <summary>One item file as read from disk.</summary>
/// <param name="Path">Relative to the items folder, with '/' separators; names the file in every message.</param>
/// <param name="Bytes">The file's whole content.</param>
/// <param name="LastWriteTime">The file's modification time: the date of last resort.</param>
public sealed record ItemSource(string Path, ReadOnlyMemory<byte> Bytes, DateTimeOffset LastWriteTime);
