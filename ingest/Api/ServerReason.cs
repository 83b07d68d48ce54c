using System.Text.Json;
using System.Text.RegularExpressions;

namespace ResearchPipeline.Ingest.Api;

/// <summary>
/// What a server said about a failed request, read from the body it sent: Qualtrics' <c>meta.error.errorMessage</c>
/// (and <c>errorCode</c>) with the <c>meta.requestId</c> its support asks for; REDCap's error message, which it returns
/// in the requested format (<c>{"error": "…"}</c> for JSON, <c>&lt;error&gt;…&lt;/error&gt;</c> for XML). Only those
/// fields are read, so a login page or a stack trace never reaches a message; the token is never repeated.
/// </summary>
internal static partial class ServerReason
{
    private const int MaxReason = 300;

    /// <summary>The reason, and the request id when there is one, as one clause: <c>the server said "…" (request id …)</c>; null when the body gives none.</summary>
    public static string? From(string body, string? secret)
    {
        var (reason, requestId) = Read(body);
        if (reason is null && requestId is null)
        {
            return null;
        }

        string Clean(string text)
        {
            var oneLine = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            oneLine = secret is { Length: > 0 } ? oneLine.Replace(secret, "[token]", StringComparison.Ordinal) : oneLine;
            return oneLine.Length > MaxReason ? oneLine[..MaxReason] + "…" : oneLine;
        }

        return (reason is null ? "the server gave no reason" : $"the server said \"{Clean(reason)}\"")
               + (requestId is null ? "" : $" (request id {Clean(requestId)})");
    }

    private static (string? Reason, string? RequestId) Read(string body)
    {
        var text = body.TrimStart();
        if (text.StartsWith('{'))
        {
            try
            {
                using var json = JsonDocument.Parse(text);
                var root = json.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    return (null, null);
                }

                // REDCap: {"error": "…"}.
                if (root.TryGetProperty("error", out var plain) && plain.ValueKind == JsonValueKind.String)
                {
                    return (plain.GetString(), null);
                }

                // Qualtrics: {"meta": {"error": {"errorMessage": "…", "errorCode": "…"}, "requestId": "…"}} (a failed export: the same under result).
                string? reason = null, requestId = null;
                if (root.TryGetProperty("meta", out var meta) && meta.ValueKind == JsonValueKind.Object)
                {
                    reason = ErrorMessage(meta);
                    requestId = meta.TryGetProperty("requestId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
                }

                if (reason is null && root.TryGetProperty("result", out var result) && result.ValueKind == JsonValueKind.Object)
                {
                    reason = ErrorMessage(result);
                }

                return (reason, requestId);
            }
            catch (JsonException)
            {
                return (null, null);
            }
        }

        var xml = XmlError().Match(text);
        return xml.Success ? (System.Net.WebUtility.HtmlDecode(xml.Groups[1].Value.Trim()), null) : (null, null);
    }

    private static string? ErrorMessage(JsonElement parent)
    {
        if (!parent.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var message = error.TryGetProperty("errorMessage", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        var code = error.TryGetProperty("errorCode", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        return message is null ? code : code is null ? message : $"{message} [{code}]";
    }

    [GeneratedRegex(@"<error>(.*?)</error>", RegexOptions.Singleline)]
    private static partial Regex XmlError();
}
