using ResearchPipeline.Models.Yaml;

namespace ResearchPipeline.Jobs.Config;

/// <summary>Reads <c>inbox:</c>, the folders whose new files the inbox scan ingests.</summary>
internal static class InboxConfigReader
{
    public static List<InboxFolder> Read(YamlMap root, Func<string, string> resolve)
    {
        var folders = new List<InboxFolder>();
        foreach (var item in root.MapList("inbox", scalarKey: "path"))
        {
            item.AllowOnly("path", "mapping");
            var path = item.RequiredText("path", "the folder to watch");
            var mapping = item.Text("mapping") is { } m ? resolve(m) : null;
            if (mapping is not null && !File.Exists(mapping))
            {
                item.Problem("mapping", $"mapping file {mapping} does not exist");
                continue;
            }

            if (path is not null)
            {
                folders.Add(new InboxFolder(resolve(path), mapping));
            }
        }

        return folders;
    }
}
