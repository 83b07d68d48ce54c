namespace ResearchPipeline.Reports.Partner;

/// <summary>Everything one partner report shows, read from core.* and marts.* for one unit and wave only.</summary>
internal sealed record PartnerReportData(
    string UnitId,
    string UnitName,
    string WaveId,
    string FrameworkId,
    string FrameworkName,
    string FrameworkVersion,
    IReadOnlyList<string> Waves,
    IReadOnlyList<PartnerReportData.Objective> Objectives,
    IReadOnlyList<PartnerReportData.Level> Levels,
    IReadOnlyList<(string Role, int Raters, bool Consensus, int Ratings)> Responses,
    PartnerReportData.Quarantine Quarantined,
    IReadOnlyList<string> Members,
    IReadOnlyList<(string Role, string Org)> MembersWithoutRaters,
    PartnerReportData.RoleKappa? RoleAgreement,
    DateTime? DataAsOf,
    bool Synthetic)
{
    internal sealed record Level(int Rank, int Value, string Label);

    internal sealed record Objective(
        string Code,
        int Number,
        string Title,
        string Group,
        IReadOnlyDictionary<string, int> StageByWave,
        int? Stage,
        int? PrevStage,
        string? PrevWave,
        int? Raters,
        bool Consensus,
        Benchmark? Benchmark,
        int? IheStage,
        int? IheRaters,
        int? LeaStage,
        int? LeaRaters,
        string? CurrentDescriptor,
        string? NextDescriptor);

    /// <summary>Records of the partnership set aside (quarantined): in this wave, and those whose wave could not be read.</summary>
    internal sealed record Quarantine(long InWave, long WaveUnreadable);

    /// <summary>Quadratic weighted kappa between the IHE and LEA stages over the objectives both rated, with its 95% interval.</summary>
    internal sealed record RoleKappa(int Objectives, double Kappa, double? Low, double? High);

    internal sealed record Benchmark(int Units, double? P25, double? Median, double? P75);
}
