using System.Globalization;
using DuckDB.NET.Data;

namespace ResearchPipeline.Jobs.Tests.Commands.Export;

/// <summary>rp export --format sequences: the stage sequences as TraMineR (STS) and msm read them, checked against the snapshot.</summary>
public sealed class SequenceExportTests(SmallWarehouseFixture fixture) : IClassFixture<SmallWarehouseFixture>
{
    private readonly SmallWarehouse _w = fixture.Warehouse;

    [Fact]
    public void Export_Sequences_OneRowPerUnitAndDimensionOneColumnPerWave_AndALongFileForMultiStateModels()
    {
        var dir = Path.Combine(_w.Folder, "sequences");
        var output = _w.Rp("export", "--format", "sequences", "--out", dir);
        Assert.Contains("sequences-ilead-dp-2018.csv: 72 rows", output, StringComparison.Ordinal); // 3 units × 24 objectives
        using var snapshot = new DuckDBConnection($"Data Source={_w.Snapshot};ACCESS_MODE=READ_ONLY");
        snapshot.Open();
        var stages = Rows(snapshot, "select unit_id, dimension_code, wave_id, stage, wave_seq from research.stage_history where framework_id = 'ilead-dp-2018' and role_code = 'ALL'")
            .ToDictionary(r => (r[0], r[1], r[2]), r => (Stage: r[3], Seq: int.Parse(r[4], CultureInfo.InvariantCulture)));
        var waves = Rows(snapshot, "select wave_id from research.waves where network_id = 'ilead' order by wave_seq").Select(r => r[0]).ToList();

        // STS: the waves as columns in wave order; each cell the stage or empty (R: NA).
        var sts = File.ReadAllLines(Path.Combine(dir, "sequences-ilead-dp-2018.csv"));
        Assert.Equal(["unit_id", "dimension_code", "dimension_number", .. waves], sts[0].Split(','));
        Assert.Equal(72, sts.Length - 1);
        var cells = 0;
        foreach (var line in sts.Skip(1))
        {
            var f = line.Split(',');
            for (var i = 0; i < waves.Count; i++)
            {
                Assert.Equal(stages.TryGetValue((f[0], f[1], waves[i]), out var s) ? s.Stage : "", f[3 + i]);
                cells += f[3 + i].Length > 0 ? 1 : 0;
            }
        }

        Assert.Equal(stages.Count, cells);

        // Multi-state: a row per rated wave, subjects in order and time running from 0 at each subject's first wave.
        var ms = File.ReadAllLines(Path.Combine(dir, "multistate-ilead-dp-2018.csv"));
        Assert.Equal("subject,unit_id,dimension_code,wave_id,wave_seq,stage,waves_since_first,years_since_first", ms[0]);
        Assert.Equal(stages.Count, ms.Length - 1);
        var rows = ms.Skip(1).Select(l => l.Split(',')).ToList();
        foreach (var subject in rows.GroupBy(r => r[0]))
        {
            var seqs = subject.Select(r => int.Parse(r[4], CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(seqs.Order(), seqs);
            Assert.Equal("0", subject.First()[6]);
            Assert.All(subject, r => Assert.Equal(stages[(r[1], r[2], r[3])].Stage, r[5]));
            Assert.All(subject, r => Assert.Equal(int.Parse(r[4], CultureInfo.InvariantCulture) - seqs[0], int.Parse(r[6], CultureInfo.InvariantCulture)));
        }

        // 2019 to 2020: the waves' start dates a year apart.
        Assert.Contains(rows, r => r[3] == "2020" && Math.Abs(double.Parse(r[7], CultureInfo.InvariantCulture) - 1.0) < 0.01);
    }

    private static List<string[]> Rows(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)!).ToArray());
        }

        return rows;
    }
}
