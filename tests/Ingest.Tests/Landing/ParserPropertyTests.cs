using System.Text;
using ResearchPipeline.Ingest;
using ResearchPipeline.Ingest.Landing;
using ResearchPipeline.Ingest.Surveys;
using ResearchPipeline.Models;
using ResearchPipeline.TestSupport;

namespace ResearchPipeline.Ingest.Tests.Landing;

/// <summary>
/// Property tests with seeded random files (deterministic): valid long-format rows round-trip to the levels written;
/// random garbage is refused or quarantined, never throws anything but a refusal, and never loads a rating.
/// </summary>
public sealed class ParserPropertyTests : IDisposable
{
    private const string Header = "network,framework,wave,unit,role,rater,dimension,level,rated_at,is_consensus,comment";
    private static readonly string[] Units = ["uva-chesterfield", "gmu-fairfax", "du-denver"];
    private static readonly string[] Labels = ["Exploring change ideas", "Small change implementation", "Integrating IS/NIC into the core work", "Institutionalizing and sustaining the work"];
    private readonly TempWarehouse _w = new();

    public void Dispose() => _w.Dispose();

    [Fact]
    public void LongFormat_RandomValidRows_RoundTripToTheLevelsWritten()
    {
        var random = new Random(42);
        var expected = new Dictionary<string, int>();
        var lines = new List<string> { Header };
        for (var i = 0; i < 400; i++)
        {
            var unit = Units[random.Next(Units.Length)];
            var rater = $"rater{random.Next(1000)}@x.org";
            var dimension = 1 + random.Next(24);
            var level = 1 + random.Next(4);
            var key = $"{unit}|{rater}|{dimension}";
            if (!expected.TryAdd(key, level))
            {
                continue;
            }

            var written = random.Next(3) switch { 0 => level.ToString(System.Globalization.CultureInfo.InvariantCulture), 1 => $"Stage {level}", _ => $"\"{level} - {Labels[level - 1]}\"" };
            var comment = random.Next(4) == 0 ? "\"a, \"\"quoted\"\"\nnote\"" : "";
            lines.Add($"ilead,ilead-dp-2018,2021,{unit},IHE,{rater},{dimension},{written},2021-05-0{1 + random.Next(9)},false,{comment}");
        }

        var result = IngestService.IngestFile(_w.Connection, _w.WriteFile("valid.csv", string.Join("\n", lines) + "\n"), TempWarehouse.Options);
        Assert.Equal((expected.Count, expected.Count, 0L), ((int)result.RowsRead, (int)result.RowsLoaded, result.RowsQuarantined));
        Assert.Equal(expected.Values.Sum(), _w.Count("select cast(sum(level_value) as bigint) from core.ratings"));
    }

    [Fact]
    public void LongFormat_RandomGarbage_RefusedOrQuarantinedNeverLoaded()
    {
        var random = new Random(9);
        for (var file = 0; file < 60; file++)
        {
            var body = new StringBuilder(file % 2 == 0 ? Header + "\n" : "");
            for (var line = 0; line < random.Next(1, 30); line++)
            {
                body.Append(string.Join(',', Enumerable.Range(0, random.Next(1, 14)).Select(_ => RandomText.Garbage(random)))).Append('\n');
            }

            var path = _w.WriteFile($"garbage-{file}.csv", body.ToString());
            try
            {
                var result = IngestService.IngestFile(_w.Connection, path, TempWarehouse.Options);
                Assert.Equal(result.RowsRead, result.RowsLoaded + result.RowsQuarantined + result.RowsSkipped);
            }
            catch (PipelineInputException)
            {
                // refused as a whole: fine
            }
        }

        Assert.Equal(0, _w.Count("select count(*) from core.ratings"));
    }

    [Fact]
    public void SurveyAndWorkbook_RandomBytes_RefusedNeverThrowOtherwise()
    {
        var mapping = SurveyMappingLoader.Load(Path.Combine(Repository.Samples, "surveys", "googleforms-ilead-2020.mapping.yaml"));
        var random = new Random(3);
        for (var i = 0; i < 40; i++)
        {
            var bytes = new byte[random.Next(0, 4000)];
            random.NextBytes(bytes);
            if (i % 3 == 0)
            {
                bytes = [.. "PK\u0003\u0004"u8.ToArray(), .. bytes]; // looks like a zip, is not one
            }

            foreach (var (name, map) in new[] { ($"r{i}.xlsx", (SurveyMapping?)null), ($"r{i}.csv", mapping) })
            {
                var path = Path.Combine(_w.Folder, name);
                File.WriteAllBytes(path, bytes);
                try
                {
                    var result = IngestService.IngestFile(_w.Connection, path, TempWarehouse.Options, map);
                    Assert.Equal(0, result.RowsLoaded);
                }
                catch (PipelineInputException)
                {
                    // refused as a whole: fine
                }
            }
        }

        Assert.Equal(0, _w.Count("select count(*) from core.ratings"));
    }
}
