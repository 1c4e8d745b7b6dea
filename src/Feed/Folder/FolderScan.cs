namespace Feed.Folder;

/// <summary>What one pass over the items folder found.</summary>
/// <param name="FolderExists">False when the items folder is missing; nothing else is then known.</param>
/// <param name="Items">Every item the folder currently holds: valid files, and the last valid version of broken ones.</param>
/// <param name="Problems">Problems found in files read in this pass (each change is reported once).</param>
/// <param name="Fixed">Files that were broken and are now valid again.</param>
/// <param name="FilesRead">How many files were read (new or changed since the last pass).</param>
/// <param name="Changed">Files added, changed or removed since the last pass.</param>
/// <param name="Skipped">Files currently not published because they are broken (including those with a last good version).</param>
/// <param name="Unsettled">Files that changed while being read; read them again shortly.</param>
/// <param name="ChangedAt">The latest modification time of any item file or folder, none later than now; null when unknown.</param>
/// <param name="ItemChanges">The items that changed since the folder's previous pass, or null when the folder is not there.</param>
public sealed record FolderScan(
    bool FolderExists,
    IReadOnlyList<NewsItem> Items,
    IReadOnlyList<ItemProblem> Problems,
    IReadOnlyList<string> Fixed,
    int FilesRead,
    int Changed,
    int Skipped,
    int Unsettled,
    DateTimeOffset? ChangedAt,
    ItemChanges? ItemChanges = null);
