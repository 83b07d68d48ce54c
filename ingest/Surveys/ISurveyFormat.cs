using ResearchPipeline.Ingest.Landing;

namespace ResearchPipeline.Ingest.Surveys;

/// <summary>
/// One survey export layout: how its header rows are recognized and what each column is. Each format is
/// one file in Surveys/Formats; <see cref="SurveyFormats"/> finds them all, so adding a format (Microsoft Forms, say) is
/// adding that one file.
/// </summary>
public interface ISurveyFormat
{
    /// <summary>The mapping file's <c>format:</c> value, e.g. qualtrics.</summary>
    string Key { get; }

    /// <summary>The name people know it by, e.g. Qualtrics.</summary>
    string Name { get; }

    /// <summary>The batch's source kind: by default the key.</summary>
    SourceKind Kind => new(Key);

    /// <summary>Where it stands when a file's format is recognized without a mapping saying it (lower first); null: never recognized so.</summary>
    int? RecognitionOrder { get; }

    /// <summary>
    /// How many records at the top are header rows, each recognized by its content, never by its position alone: a row
    /// is a header row only when its content says so, so a file whose analyst deleted a header row loses no response.
    /// </summary>
    int HeaderRows(SurveyTable table);

    /// <summary>The names the column marking responses that are not ratings (Qualtrics' Status) may have, if the format has one.</summary>
    IReadOnlyList<string> StatusColumn => [];

    /// <summary>True when the header rows are this format's.</summary>
    bool Recognizes(SurveyTable table);

    /// <summary>What each column is, read from the <paramref name="headerRows"/> header rows.</summary>
    List<SurveyColumn> Columns(SurveyTable table, int headerRows);
}
