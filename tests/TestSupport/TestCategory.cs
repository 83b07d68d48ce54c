namespace ResearchPipeline.TestSupport;

/// <summary>
/// The test categories (the xUnit trait <see cref="Trait"/>) that the inner loop leaves out:
/// <c>dotnet test --filter "Category!=Browser&amp;Category!=Postgres&amp;Category!=EndToEnd"</c>. <c>bash .ci/test.sh</c> runs
/// every test, after installing and starting what they need.
/// </summary>
public static class TestCategory
{
    public const string Trait = "Category";

    /// <summary>Opens reports in Debian's chromium (through Playwright).</summary>
    public const string Browser = "Browser";

    /// <summary>Needs a PostgreSQL server (RP_TEST_PG).</summary>
    public const string Postgres = "Postgres";

    /// <summary>Whole runs of the pipeline or real <c>rp</c> processes: the demo, <c>rp run</c> and <c>rp serve</c>, the tool installed, equivalence checks over whole builds.</summary>
    public const string EndToEnd = "EndToEnd";
}
