namespace ResearchPipeline.Jobs.Samples;

/// <summary>What to generate. Defaults give the committed sample set: the 11 iLEAD partnerships over 2018–2022.</summary>
/// <remarks>
/// <paramref name="FullResponse"/>: every partnership has exactly <paramref name="MaxRaters"/> raters and every rater answers
/// every wave (the benchmark's scale data). <paramref name="ExtraWave"/>: one more wave, written to its own file
/// (ilead-ratings-extra-wave.csv), for measuring an incremental build.
/// </remarks>
public sealed record SampleOptions(int Partnerships = 11, int Waves = 5, int MaxRaters = 8, int Seed = 42, bool IncludeTxnsi = true, bool Surveys = false, bool Workbooks = false,
    bool FullResponse = false, bool ExtraWave = false);
