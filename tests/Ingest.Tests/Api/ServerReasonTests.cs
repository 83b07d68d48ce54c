using ResearchPipeline.Ingest.Api;

namespace ResearchPipeline.Ingest.Tests.Api;

/// <summary>The server's own reason for a failure reaches the analyst: its text and request id, never a page and never the token.</summary>
public sealed class ServerReasonTests
{
    [Theory]
    [InlineData("{\"error\":\"The following fields were not found in the project: q99\"}", "the server said \"The following fields were not found in the project: q99\"")]
    [InlineData("<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<hash>\n  <error>detailed error message</error>\n</hash>", "the server said \"detailed error message\"")]
    [InlineData("{\"meta\":{\"httpStatus\":\"400 - Bad Request\",\"error\":{\"errorMessage\":\"Invalid value for parameter surveyId\",\"errorCode\":\"RP_0.1\"},\"requestId\":\"a1b2\"}}",
        "the server said \"Invalid value for parameter surveyId [RP_0.1]\" (request id a1b2)")]
    [InlineData("{\"meta\":{\"httpStatus\":\"500 - Internal Server Error\",\"requestId\":\"c3d4\"}}", "the server gave no reason (request id c3d4)")]
    public void From_DocumentedErrorBodies_ReasonAndRequestId(string body, string expected) => Assert.Equal(expected, ServerReason.From(body, null));

    [Theory]
    [InlineData("<!DOCTYPE html><html><body>Sign in<form>password</form></body></html>")]
    [InlineData("")]
    [InlineData("{\"result\": {\"progressId\": ")]
    [InlineData("[1, 2]")]
    public void From_NoDocumentedReason_Nothing(string body) => Assert.Null(ServerReason.From(body, null));

    [Fact]
    public void From_ServerEchoesTheToken_TokenRedacted() =>
        Assert.Equal("the server said \"token [token] is not valid\"", ServerReason.From("{\"error\":\"token abc123SECRET is not valid\"}", "abc123SECRET"));
}
