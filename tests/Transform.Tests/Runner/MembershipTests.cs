using ResearchPipeline.TestSupport;
using ResearchPipeline.Transform.Runner;

namespace ResearchPipeline.Transform.Tests.Runner;

public sealed class MembershipTests : IDisposable
{
    private readonly TempWarehouse _w = new();

    public void Dispose() => _w.Dispose();

    [Fact]
    public void UnitWaveMembers_DistrictPartnerChanged_EachSideOfTheChangeReported()
    {
        new ModelRunner(_w.Connection, TimeProvider.System).Build();
        string Leas(string wave) => string.Join(", ", _w.Rows(
            $"select org_id || ':' || covers_whole_wave from marts.unit_wave_members where unit_id = 'psu-portland' and member_role = 'LEA' and wave_id = '{wave}' order by valid_from")
            .Select(r => (string)r[0]!));

        // The roster dates Portland State's move from Newberg to Portland Public Schools 2020-07-01.
        Assert.Equal("nsd:true", Leas("2019"));
        Assert.Equal("nsd:false, pps:false", Leas("2020"));
        Assert.Equal("pps:true", Leas("2021"));
        Assert.Equal("psu:true", string.Join(", ", _w.Rows(
            "select org_id || ':' || covers_whole_wave from marts.unit_wave_members where unit_id = 'psu-portland' and member_role = 'IHE' and wave_id = '2022'").Select(r => (string)r[0]!)));
    }
}
