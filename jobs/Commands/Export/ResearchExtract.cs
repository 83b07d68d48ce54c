using DuckDB.NET.Data;
using ResearchPipeline.Jobs.Cli;
using ResearchPipeline.Transform.Publishing;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.Jobs.Commands.Export;

/// <summary>Every research view of the published snapshot as Parquet or CSV (formulas neutralized), with the data dictionary and manifest; all files appear at once.</summary>
public static class ResearchExtract
{
    public static List<(string File, long Rows)> Write(RpContext context, string format, string outDir)
    {
        using var connection = context.OpenSnapshot();
        var views = Db.Strings(connection, "select table_name from information_schema.tables where table_schema = 'research' order by table_name");
        Directory.CreateDirectory(outDir);
        var staging = Path.Combine(outDir, $".export-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        var written = new List<(string, long)>();
        try
        {
            foreach (var view in views)
            {
                var file = Path.Combine(staging, $"{view}.{format}");
                long rows;
                if (format == "parquet")
                {
                    // The snapshot is read-only, so the count and the copy see the same rows.
                    rows = Db.Count(connection, $"select count(*) from research.{view}");
                    Db.Execute(connection, $"copy (select * from research.{view}) to {Db.Literal(file)} (format parquet)");
                }
                else
                {
                    rows = WriteCsv(connection, $"select * from research.{view}", file);
                }

                written.Add((Path.Combine(outDir, Path.GetFileName(file)), rows));
            }

            foreach (var extra in new[] { SnapshotPublisher.DictionaryMarkdownFileName, SnapshotPublisher.DictionaryHtmlFileName, SnapshotPublisher.ManifestFileName })
            {
                var from = Path.Combine(context.Config.PublishTo, extra);
                if (File.Exists(from))
                {
                    File.Copy(from, Path.Combine(staging, extra), overwrite: true);
                }
            }

            foreach (var file in Directory.GetFiles(staging))
            {
                File.Move(file, Path.Combine(outDir, Path.GetFileName(file)), overwrite: true);
            }
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }

        foreach (var (file, rows) in written)
        {
            context.Output.WriteLine($"  {file}: {rows} rows");
        }

        context.Output.WriteLine($"Exported {written.Count} research views as {format} to {outDir} (with the data dictionary and manifest).");
        return written;
    }

    private static long WriteCsv(DuckDBConnection connection, string sql, string path)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        using var writer = new StreamWriter(path, false, new System.Text.UTF8Encoding(false));
        writer.NewLine = "\r\n";
        writer.WriteLine(string.Join(',', Enumerable.Range(0, reader.FieldCount).Select(i => QueryFormatter.Csv(reader.GetName(i)))));
        long rows = 0;
        var values = new object?[reader.FieldCount];
        while (reader.Read())
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            writer.WriteLine(string.Join(',', values.Select(QueryFormatter.Csv)));
            rows++;
        }

        return rows;
    }
}
