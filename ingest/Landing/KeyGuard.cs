using DuckDB.NET.Data;
using ResearchPipeline.Models;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.Ingest.Landing;

/// <summary>
/// One warehouse, one pseudonym key. The key's fingerprint is recorded in ops.warehouse_info with the first landing (or
/// by rp init); landing under a key with another fingerprint is refused before anything is read, because every rater
/// would get a second identity and their trajectories would split in two.
/// </summary>
public static class KeyGuard
{
    private const string Key = "pseudonym_key_fingerprint";

    public static void Check(DuckDBConnection connection, Pseudonymizer pseudonymizer)
    {
        var recorded = Db.Scalar<string?>(connection, "select value from ops.warehouse_info where key = $1", Key);
        var current = pseudonymizer.Fingerprint;
        if (recorded is null)
        {
            Db.Execute(connection, "insert into ops.warehouse_info values ($1, $2)", Key, current);
            return;
        }

        if (recorded != current)
        {
            throw new PipelineInputException(
                $"The pseudonym key in use (fingerprint {current}) is not the one this warehouse's raters were pseudonymized with ({recorded}): " +
                "under another key every rater would get a second identity. Use the warehouse's key (its key file, or the RP_PSEUDONYM_KEY it was built with); nothing was loaded.");
        }
    }
}
