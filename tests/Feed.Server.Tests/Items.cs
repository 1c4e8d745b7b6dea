namespace Feed.Server.Tests;

/// <summary>Item file texts used across the server tests.</summary>
internal static class Items
{
    public static string Story(string title, string date = "2024-06-27", string body = "Text of the story.", string extra = "") =>
        $"---\ntitle: {title}\ndate: {date}\n{extra}---\n{body}\n";

    public static string Seed => File.ReadAllText(Path.Combine(RepositoryRoot, "items", "2024-06-27-us-backs-operation-azm-e-istehkam.txt"));

    public static string RepositoryRoot { get; } = FindRoot();

    static string FindRoot([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));
}
