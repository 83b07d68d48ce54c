namespace ResearchPipeline.Ingest.Surveys;

/// <summary>The survey export layouts the pipeline reads (spec section 4).</summary>
public enum SurveyFormat
{
    /// <summary>Three header rows: column ids, question text, ImportId JSON. CSV or TSV.</summary>
    Qualtrics,

    /// <summary>Two header rows: question, then sub-question or option.</summary>
    SurveyMonkey,

    /// <summary>One header row starting with Timestamp; matrix questions as "Question [Row]".</summary>
    GoogleForms,

    /// <summary>REDCap records as <c>rp pull</c> lands them: field names, then field labels; choice codes already turned into their labels.</summary>
    Redcap,
}
