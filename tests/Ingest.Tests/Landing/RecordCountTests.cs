using ResearchPipeline.Ingest.Landing;

namespace ResearchPipeline.Ingest.Tests.Landing;

public sealed class RecordCountTests
{
    [Theory]
    [InlineData("a,b\n1,2\n", 2)]
    [InlineData("a,b\r\n1,2\r\n3,4", 3)]
    [InlineData("a,b\n\n,\n  \n1,2\n", 2)] // blank lines and lines of separators are not records
    [InlineData("a,b\n1,\"two\nlines\"\n3,4\n", 3)] // a quoted line break stays in its record
    [InlineData("a,b\n1,\"say \"\"hi\"\",\nthen\"\n", 2)] // doubled quotes inside a quoted field
    [InlineData("a,b\n1,x\"y\n3,4\n", 3)] // a quote inside an unquoted field is a character
    [InlineData("a,b\n1,\"never closed\n3,4\n5,6\n", 4)] // an unclosed quote is a character: the lines after it count
    [InlineData("\uFEFFa,b\n\uFEFF\n1,2\n", 2)] // a byte-order mark alone is not content
    [InlineData("a\tb\n1\t\"x\ty\"\n", 2)]
    public void NonBlank_CountsRecordsAsWritten(string text, long expected) =>
        Assert.Equal(expected, RecordCount.NonBlank(text, text.Contains('\t') ? '\t' : ','));
}
