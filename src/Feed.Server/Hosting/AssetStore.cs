using Feed.Assets;

namespace Feed.Server.Hosting;

/// <summary>The files served from beside the stories now (swapped whole, with each snapshot), and the folder they are read from.</summary>
public sealed class AssetStore
{
    volatile AssetSet _current = AssetSet.Empty;

    /// <summary>The items folder; null until the service knows it.</summary>
    public string? Root { get; set; }

    public AssetSet Current => _current;

    public void Publish(AssetSet assets) => _current = assets;
}
