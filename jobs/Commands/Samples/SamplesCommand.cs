using System.CommandLine;
using ResearchPipeline.Jobs.Cli;
using ResearchPipeline.Jobs.Samples;
using ResearchPipeline.Models;

namespace ResearchPipeline.Jobs.Commands.Samples;

/// <summary><c>rp samples generate --out DIR [...]</c>: synthetic ratings of any size, in the long format and other formats.</summary>
public static class SamplesCommand
{
    public static Command Create(CommonOptions common)
    {
        var output = CommonOptions.RequiredOut("Folder to write");
        var partnerships = new Option<int>("--partnerships") { DefaultValueFactory = _ => 11 };
        var waves = new Option<int>("--waves") { DefaultValueFactory = _ => 5 };
        var raters = new Option<int>("--raters") { Description = "Most raters per partnership (3 at least)", DefaultValueFactory = _ => 8 };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 42 };
        var surveys = new Option<bool>("--surveys") { Description = "Also write the ratings as Qualtrics, SurveyMonkey and Google Forms exports with their mapping files (surveys/)" };
        var workbooks = new Option<bool>("--workbooks") { Description = "Also write partnership workbooks (.xlsx): a filled one and a hand-edited one (workbooks/)" };
        var full = new Option<bool>("--full-response") { Description = "Every partnership has exactly --raters raters, and every rater rates every objective in every wave" };
        var extra = new Option<bool>("--extra-wave") { Description = "One more wave after --waves, in its own file (ilead-ratings-extra-wave.csv), for an incremental build" };
        var scale = new Option<bool>("--scale") { Description = "The scale data: --partnerships 1000 --waves 10 --raters 8 --full-response --extra-wave (≈1.9 M ratings)" };
        var generate = new Command("generate", "Synthetic ratings in the long format (+ roster.csv for invented units, survey exports with --surveys, workbooks with --workbooks).")
        {
            output, partnerships, waves, raters, seed, surveys, workbooks, full, extra, scale,
        };
        generate.SetAction(r =>
        {
            var isScale = r.GetValue(scale);
            var n = isScale ? 1000 : r.GetValue(partnerships);
            var w = isScale ? 10 : r.GetValue(waves);
            var k = isScale ? 8 : r.GetValue(raters);
            if (n < 1 || w < 1 || k < 1)
            {
                throw new PipelineInputException("--partnerships, --waves and --raters must be at least 1.");
            }

            var written = new SampleGenerator(new SampleOptions(n, w, k, r.GetValue(seed), Surveys: r.GetValue(surveys), Workbooks: r.GetValue(workbooks),
                FullResponse: isScale || r.GetValue(full), ExtraWave: isScale || r.GetValue(extra))).Generate(r.GetValue(output)!);
            common.Output.WriteLine($"Wrote {written.Ratings} synthetic rating rows:");
            foreach (var f in written.Files)
            {
                common.Output.WriteLine($"  {f}");
            }

            return 0;
        });
        return new Command("samples", "Synthetic sample data.") { generate };
    }
}
