namespace ResearchPipeline.Jobs.Samples;

/// <summary>What to generate. Defaults give the committed sample set: the 11 iLEAD partnerships over 2018–2022.</summary>
public sealed record SampleOptions(int Partnerships = 11, int Waves = 5, int MaxRaters = 8, int Seed = 42, bool IncludeTxnsi = true, bool Surveys = false, bool Workbooks = false);
