using System.Globalization;
using System.Text.Json;

namespace ResearchPipeline.Transform.Publishing;

/// <summary>What the published snapshot's manifest.json says about it: the one reader of that file.</summary>
public sealed record PublishedManifest(DateTime PublishedAt, long LastBatchId, long Ratings, string? ContentSha256)
{
    /// <summary>The manifest of the snapshot published in <paramref name="folder"/>, or null when nothing was published there.</summary>
    public static PublishedManifest? Read(string folder)
    {
        var path = Path.Combine(folder, SnapshotPublisher.ManifestFileName);
        if (!File.Exists(path) || !File.Exists(Path.Combine(folder, SnapshotPublisher.SnapshotFileName)))
        {
            return null;
        }

        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var root = json.RootElement;
        var ratings = root.TryGetProperty("tables", out var tables)
            ? tables.EnumerateArray().Where(t => t.GetProperty("name").GetString() == "core.ratings").Select(t => t.GetProperty("rows").GetInt64()).FirstOrDefault()
            : 0;
        return new PublishedManifest(
            root.TryGetProperty("published_at", out var at) ? DateTime.Parse(at.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal) : File.GetLastWriteTimeUtc(path),
            root.TryGetProperty("last_batch_id", out var batch) ? batch.GetInt64() : 0,
            ratings,
            root.TryGetProperty("content_sha256", out var content) ? content.GetString() : null);
    }
}
