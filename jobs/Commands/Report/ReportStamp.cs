using DuckDB.NET.Data;
using ResearchPipeline.Jobs.Cli;
using ResearchPipeline.Reports;
using ResearchPipeline.Transform.Publishing;

namespace ResearchPipeline.Jobs.Commands.Report;

/// <summary>
/// The settings a report is written with, and its stamp: the content hash of exactly what it reads. Read from the
/// working warehouse, it is the published snapshot's hash only when the data is the same; otherwise the report says
/// that its data is not yet published.
/// </summary>
public static class ReportStamp
{
    public static ReportContext For(RpContext context, DuckDBConnection readFrom, string outDir, bool fromSnapshot = false)
    {
        var hash = SnapshotPublisher.ContentHashOf(readFrom, fromSnapshot);
        var published = PublishedManifest.Read(context.Config.PublishTo)?.ContentSha256;
        return new ReportContext(outDir, context.Config.MinCellSize, RpContext.Version)
        {
            SnapshotHash = hash,
            Unpublished = !fromSnapshot && hash != published,
            SharedPlotly = context.Config.SharedPlotly,
        };
    }
}
