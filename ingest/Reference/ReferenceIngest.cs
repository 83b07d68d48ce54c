using DuckDB.NET.Data;
using ResearchPipeline.Ingest.Landing;
using ResearchPipeline.Ingest.Roster;
using ResearchPipeline.Models;
using ResearchPipeline.Models.Frameworks;

namespace ResearchPipeline.Ingest.Reference;

/// <summary>Reference files through the same landing path as ratings, each one batch: a roster CSV, a waves CSV, a framework definition.</summary>
public static class ReferenceIngest
{
    public static IngestResult Roster(DuckDBConnection connection, IncomingFile file, IngestOptions options)
    {
        if (BatchLander.AlreadyLanded(connection, file.FileName, file.Sha256, SourceKind.Roster) is { } already)
        {
            return already;
        }

        var parsed = RosterCsvReader.Read(file.FileName, new StringReader(file.Text!));
        var networks = ReferenceIndex.Load(connection).Networks;
        var problems = parsed.Problems.ToList();
        var good = new List<RosterRow>();
        foreach (var row in parsed.Rows)
        {
            if (!networks.Contains(row.Network))
            {
                problems.Add(new RowProblem(row.SourceRow, "network", row.Network, $"network \"{row.Network}\" is unknown (known: {string.Join(", ", networks.Order())})"));
            }
            else
            {
                good.Add(row);
            }
        }

        var quarantinedRows = problems.Select(p => p.SourceRow).Distinct().LongCount();
        using var tx = connection.BeginTransaction();
        var batchId = BatchLander.StartBatch(connection, new BatchLander.Batch(options.SourceNameOr("file"), SourceKind.Roster, file.FileName, file.Sha256, false), options.Now());
        RosterLanding.Apply(connection, good);
        BatchLander.AppendQuarantine(connection, batchId, problems);
        BatchLander.FinishBatch(connection, batchId, options.Now(), parsed.RowsRead, good.Count, quarantinedRows, 0);
        tx.Commit();
        return new IngestResult(file.FileName, SourceKind.Roster, IngestStatus.Loaded, batchId, parsed.RowsRead, good.Count, quarantinedRows, 0, problems);
    }

    public static IngestResult Waves(DuckDBConnection connection, IncomingFile file, IngestOptions options)
    {
        if (BatchLander.AlreadyLanded(connection, file.FileName, file.Sha256, SourceKind.Waves) is { } already)
        {
            return already;
        }

        using var tx = connection.BeginTransaction();
        var batchId = BatchLander.StartBatch(connection, new BatchLander.Batch(options.SourceNameOr("file"), SourceKind.Waves, file.FileName, file.Sha256, false), options.Now());
        int count;
        try
        {
            count = ReferenceLoader.LoadWaves(connection, file.Text!);
        }
        catch (FormatException ex)
        {
            throw new PipelineInputException($"{file.FileName}: a date is not YYYY-MM-DD ({ex.Message}); nothing was loaded.", ex);
        }

        BatchLander.FinishBatch(connection, batchId, options.Now(), count, count, 0, 0);
        tx.Commit();
        return new IngestResult(file.FileName, SourceKind.Waves, IngestStatus.Loaded, batchId, count, count, 0, 0, []);
    }

    public static IngestResult Framework(DuckDBConnection connection, IncomingFile file, IngestOptions options)
    {
        var text = file.Text!;
        if (!FrameworkLoader.LooksLikeDefinition(text))
        {
            throw new PipelineInputException($"{file.FileName}: a YAML file is ingested only as a framework definition (framework_id, levels, dimensions …); this is not one.");
        }

        var loaded = FrameworkLoader.Load(file.FileName, text);
        if (!loaded.IsValid)
        {
            throw new PipelineInputException(
                $"{file.FileName}: the framework definition has {loaded.Problems.Count} problem(s); nothing was loaded." + Environment.NewLine +
                string.Join(Environment.NewLine, loaded.Problems.Select(p => "  " + p)));
        }

        if (BatchLander.AlreadyLanded(connection, file.FileName, file.Sha256, SourceKind.Framework) is { } already)
        {
            return already;
        }

        var f = loaded.Framework!;
        if (!ReferenceIndex.Load(connection).Networks.Contains(f.Network))
        {
            throw new PipelineInputException($"{file.FileName}: network \"{f.Network}\" is unknown; add the network first.");
        }

        var count = f.AllDescriptors.Count();
        using var tx = connection.BeginTransaction();
        var batchId = BatchLander.StartBatch(connection, new BatchLander.Batch(options.SourceNameOr("file"), SourceKind.Framework, file.FileName, file.Sha256, false), options.Now());
        ReferenceLoader.LoadFramework(connection, f);
        BatchLander.FinishBatch(connection, batchId, options.Now(), count, count, 0, 0);
        tx.Commit();
        return new IngestResult(file.FileName, SourceKind.Framework, IngestStatus.Loaded, batchId, count, count, 0, 0, []);
    }
}
