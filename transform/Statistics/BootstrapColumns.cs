using Microsoft.Data.Analysis;

namespace ResearchPipeline.Transform.Statistics;

/// <summary>
/// The columns every bootstrapped statistic's table ends with: the point estimate (named for the statistic) rounded to
/// 6 decimals, its 95% interval (ci_low, ci_high), the resamples drawn and those on which it was defined, and their seed.
/// </summary>
public sealed class BootstrapColumns(string pointName, int resamples)
{
    private readonly DoubleDataFrameColumn _point = new(pointName);
    private readonly DoubleDataFrameColumn _low = new("ci_low");
    private readonly DoubleDataFrameColumn _high = new("ci_high");
    private readonly Int64DataFrameColumn _resamples = new("n_resamples");
    private readonly Int64DataFrameColumn _defined = new("n_resamples_defined");
    private readonly Int64DataFrameColumn _seed = new("seed");

    public IEnumerable<DataFrameColumn> Columns => [_point, _low, _high, _resamples, _defined, _seed];

    public void Append(Bootstrapped result)
    {
        _point.Append(Math.Round(result.Point, 6));
        _low.Append(result.Interval.Low is { } l ? Math.Round(l, 6) : null);
        _high.Append(result.Interval.High is { } h ? Math.Round(h, 6) : null);
        _resamples.Append(resamples);
        _defined.Append(result.Interval.Defined);
        _seed.Append(result.Seed);
    }
}
