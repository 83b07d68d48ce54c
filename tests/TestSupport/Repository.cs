namespace ResearchPipeline.TestSupport;

/// <summary>Finds files of this repository (data-samples/) from a test's working folder.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    public static string Samples => Path.Combine(Root, "data-samples");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ResearchPipeline.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (ResearchPipeline.sln) above " + AppContext.BaseDirectory);
    }
}
