using System.Globalization;
using System.Text.Json;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.Transform.Publishing;

/// <summary>
/// What the published snapshot is: the one reader of it for rp status, report stamps and the shrink guard. The
/// snapshot's own ops.snapshot_info is the truth (it is written inside the snapshot, which is switched by one rename);
/// manifest.json and the data dictionary beside it are switched by further renames, so a publish killed in between
/// leaves them describing the earlier snapshot. <see cref="ManifestMatches"/> says whether they agree.
/// </summary>
public sealed record PublishedManifest(DateTime PublishedAt, long LastBatchId, long Ratings, string? ContentSha256)
{
    /// <summary>False when manifest.json (and the dictionary written with it) describes another snapshot than the one published.</summary>
    public bool ManifestMatches { get; init; } = true;

    /// <summary>The snapshot published in <paramref name="folder"/>, or null when nothing was published there.</summary>
    public static PublishedManifest? Read(string folder)
    {
        var snapshot = Path.Combine(folder, SnapshotPublisher.SnapshotFileName);
        if (!File.Exists(snapshot))
        {
            return null;
        }

        var fromJson = FromJson(Path.Combine(folder, SnapshotPublisher.ManifestFileName));
        PublishedManifest? own = null;
        using (var connection = Db.OpenReadOnly(snapshot))
        {
            if (Db.RelationKind(connection, "ops", "snapshot_info") is not null &&
                Db.Rows(connection, "select published_at, last_batch_id, ratings, content_sha256 from ops.snapshot_info limit 1") is [var row])
            {
                own = new PublishedManifest((DateTime)row[0]!, Convert.ToInt64(row[1], CultureInfo.InvariantCulture), Convert.ToInt64(row[2], CultureInfo.InvariantCulture), row[3] as string);
            }
        }

        return own is null ? fromJson : own with { ManifestMatches = fromJson?.ContentSha256 == own.ContentSha256 };
    }

    private static PublishedManifest? FromJson(string path)
    {
        if (!File.Exists(path))
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
