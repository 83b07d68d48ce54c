using System.Reflection;
using DuckDB.NET.Data;
using ResearchPipeline.Ingest;
using ResearchPipeline.Ingest.Landing;
using ResearchPipeline.Jobs.Config;
using ResearchPipeline.Jobs.Runs;
using ResearchPipeline.Models;
using ResearchPipeline.Transform.Publishing;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.Jobs.Cli;

/// <summary>
/// What every command's action works with: the pipeline config (from <c>--config</c> and <c>--warehouse</c>), where its
/// output goes, and the clock. The CLI and the scheduled jobs build one and call the same command code with it.
/// </summary>
public sealed class RpContext(PipelineConfig config, TextWriter output, TimeProvider clock)
{
    public static string Version =>
        typeof(RpContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public PipelineConfig Config => config;

    public TextWriter Output => output;

    public TimeProvider Clock => clock;

    /// <summary>The runner every job that writes the warehouse goes through (lock, ops.runs, one-line failures).</summary>
    public JobRunner Runner() => new(config.Warehouse, output, clock);

    /// <summary>The warehouse, which must exist already (schema brought up to date).</summary>
    public DuckDBConnection OpenExisting()
    {
        WarehouseSchema.RequireExisting(config.Warehouse);
        return WarehouseSchema.Open(config.Warehouse);
    }

    /// <summary>
    /// The warehouse, read-only, for commands that only read it (reports, the workbook template, status): they take no
    /// writer lock, so they must not write, not even a schema update.
    /// </summary>
    public DuckDBConnection OpenForReading()
    {
        WarehouseSchema.RequireExisting(config.Warehouse);
        return Db.OpenReadOnly(config.Warehouse);
    }

    /// <summary>The published snapshot, read-only.</summary>
    public DuckDBConnection OpenSnapshot()
    {
        var path = Path.Combine(config.PublishTo, SnapshotPublisher.SnapshotFileName);
        if (!File.Exists(path))
        {
            throw new PipelineInputException($"No published snapshot at {path}: run 'rp publish' (or 'rp demo') first.");
        }

        return Db.OpenReadOnly(path);
    }

    /// <summary>How files land: raters pseudonymized with the warehouse's key, times from this context's clock.</summary>
    public IngestOptions IngestOptions()
    {
        var key = PseudonymKey.Resolve(config.PseudonymKeyEnv, config.Warehouse, createIfMissing: false, out _);
        return new IngestOptions(new Pseudonymizer(key), clock);
    }
}
