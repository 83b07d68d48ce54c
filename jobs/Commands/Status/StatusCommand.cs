using System.CommandLine;
using System.Text.Json;
using ResearchPipeline.Jobs.Cli;
using ResearchPipeline.Models;
using ResearchPipeline.Transform.Publishing;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.Jobs.Commands.Status;

/// <summary>
/// <c>rp status [--format table|json]</c>: what an operator checks first: the last runs, the failures with their
/// reasons, the last publish, each API source's watermark, and what was quarantined since the last publish.
/// It only reads (the warehouse, opened read-only, and the published manifest).
/// </summary>
public static class StatusCommand
{
    public static Command Create(CommonOptions common)
    {
        var format = CommonOptions.Format(["table", "json"], "table | json");
        var last = new Option<int>("--last") { Description = "How many runs to list", DefaultValueFactory = _ => 10 };
        var command = new Command("status", "Last runs and why they failed, last publish, watermarks, quarantine since the last publish.") { format, last };
        command.SetAction(r =>
        {
            var context = common.Context(r);
            var status = Read(context, Math.Clamp(r.GetValue(last), 1, 1000));
            if (r.GetValue(format) == "json")
            {
                context.Output.WriteLine(JsonSerializer.Serialize(status, JsonOptions));
            }
            else
            {
                Print(context.Output, status);
            }

            return 0;
        });
        return command;
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static WarehouseStatus Read(RpContext context, int last)
    {
        var config = context.Config;
        using var connection = context.OpenForReading();
        static RunRow Run(object?[] r) => new((long)r[0]!, (string)r[1]!, (DateTime)r[2]!, r[3] as DateTime?, (string)r[4]!, r[5] as string);
        const string columns = "select run_id, job, started_at, finished_at, status, message from ops.runs";
        var runs = Db.Rows(connection, $"{columns} order by run_id desc limit $1", last).Select(Run).ToList();
        var failures = Db.Rows(connection, $"{columns} where status in ('failed', 'interrupted') order by run_id desc limit 5").Select(Run).ToList();
        var manifest = PublishedManifest.Read(config.PublishTo);
        var lastBatch = manifest?.LastBatchId;
        var publish = manifest is null ? null : new PublishInfo(
            Path.Combine(config.PublishTo, SnapshotPublisher.SnapshotFileName), manifest.PublishedAt, manifest.Ratings, manifest.LastBatchId, manifest.ContentSha256)
        {
            ManifestMatches = manifest.ManifestMatches,
        };
        var watermarks = Db.Rows(connection, "select source_name, watermark, updated_at from ops.watermarks order by source_name")
            .Select(r => new WatermarkRow((string)r[0]!, (string)r[1]!, (DateTime)r[2]!)).ToList();
        var quarantined = Db.Count(connection, "select count(*) from ops.quarantine where batch_id > $1", lastBatch ?? 0);
        var unpublished = Db.Count(connection, "select count(*) from ops.ingest_batches where batch_id > $1 and status <> 'refused'", lastBatch ?? 0);
        return new WarehouseStatus(config.Warehouse, runs, failures, publish, watermarks, quarantined, unpublished);
    }

    private static void Print(TextWriter output, WarehouseStatus s)
    {
        output.WriteLine($"Warehouse {s.Warehouse}");
        output.WriteLine(s.LastPublish is { } p
            ? $"Last publish: {p.PublishedAt:yyyy-MM-dd HH:mm:ss} UTC, {p.Ratings:N0} ratings, batches up to {p.LastBatchId}{(p.ContentSha256 is null ? "" : $", content {p.ContentSha256[..12]}")} ({p.Snapshot})"
            : "Last publish: never (rp publish writes the researchers' snapshot)");
        if (s.LastPublish is { ManifestMatches: false })
        {
            output.WriteLine("  manifest.json and the data dictionary describe an earlier snapshot (a publish was interrupted after switching the snapshot): run 'rp publish' to write them again.");
        }

        output.WriteLine($"Since then: {s.BatchesSincePublish} batch(es) landed, {s.QuarantinedSincePublish:N0} row(s) quarantined (select * from ops.quarantine order by batch_id desc).");
        output.WriteLine(s.Watermarks.Count == 0 ? "Watermarks: no API source has been pulled." : "Watermarks:");
        foreach (var w in s.Watermarks)
        {
            output.WriteLine($"  {w.Source,-24} {w.Watermark}  (pulled {w.UpdatedAt:yyyy-MM-dd HH:mm:ss} UTC)");
        }

        output.WriteLine(s.Failures.Count == 0 ? "Failures: none recorded." : "Recent failures:");
        foreach (var f in s.Failures)
        {
            output.WriteLine($"  #{f.RunId} {f.Job} {f.Status} at {f.StartedAt:yyyy-MM-dd HH:mm:ss}: {f.Message}");
        }

        output.WriteLine(s.Runs.Count == 0 ? "Runs: none yet." : $"Last {s.Runs.Count} run(s):");
        foreach (var r in s.Runs)
        {
            var took = r.FinishedAt is { } end ? $"{(end - r.StartedAt).TotalSeconds:0.0} s" : "…";
            output.WriteLine($"  #{r.RunId,-5} {r.StartedAt:yyyy-MM-dd HH:mm:ss}  {r.Job,-16} {r.Status,-11} {took,8}  {r.Message}");
        }
    }
}
