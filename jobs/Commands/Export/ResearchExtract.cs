using DuckDB.NET.Data;
using ResearchPipeline.Jobs.Cli;
using ResearchPipeline.Transform.Publishing;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.Jobs.Commands.Export;

/// <summary>
/// Every research view of the published snapshot as Parquet (optionally Hive-partitioned by network and wave) or CSV
/// (formulas neutralized, with a Frictionless Data Package, datapackage.json, giving every column's type), with the data
/// dictionary and manifest; all files appear at once.
/// </summary>
public static class ResearchExtract
{
    public static List<(string File, long Rows)> Write(RpContext context, string format, string outDir, bool partition = false)
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
                    // An empty view stays one file: a partitioned copy of no rows writes nothing, and its columns would be lost.
                    if (partition && rows > 0 && Db.Count(connection, "select count(*) from information_schema.columns where table_schema = 'research' and table_name = $1 and column_name in ('network_id', 'wave_id')", view) == 2)
                    {
                        file = Path.Combine(staging, view);
                        Db.Execute(connection, $"copy (select * from research.{view}) to {Db.Literal(file)} (format parquet, partition_by (network_id, wave_id))");
                    }
                    else
                    {
                        Db.Execute(connection, $"copy (select * from research.{view}) to {Db.Literal(file)} (format parquet)");
                    }
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

            if (format == "csv")
            {
                ExportSchema.Write(connection, views, Path.Combine(staging, ExportSchema.FileName));
            }

            foreach (var file in Directory.GetFiles(staging))
            {
                File.Move(file, Path.Combine(outDir, Path.GetFileName(file)), overwrite: true);
            }

            foreach (var folder in Directory.GetDirectories(staging))
            {
                var target = Path.Combine(outDir, Path.GetFileName(folder));
                if (Directory.Exists(target))
                {
                    Directory.Delete(target, recursive: true);
                }

                Directory.Move(folder, target);
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

        context.Output.WriteLine($"Exported {written.Count} research views as {format}{(partition ? " (partitioned by network_id and wave_id where a view has both)" : "")} to {outDir} "
            + $"(with the data dictionary and manifest{(format == "csv" ? $", and {ExportSchema.FileName} giving every column's type" : "")}).");
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
