using System.Security.Cryptography;
using System.Text;
using Hangfire.Dashboard;

namespace ResearchPipeline.Jobs.Serve;

/// <summary>Remote dashboard access, only when configured: HTTP Basic credentials compared in constant time.</summary>
public sealed class BasicAuthFilter(string user, string password) : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var http = context.GetHttpContext();
        var header = http.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            byte[] given;
            try
            {
                given = Convert.FromBase64String(header[6..].Trim());
            }
            catch (FormatException)
            {
                given = [];
            }

            if (CryptographicOperations.FixedTimeEquals(given, Encoding.UTF8.GetBytes($"{user}:{password}")))
            {
                return true;
            }
        }

        http.Response.Headers.WWWAuthenticate = "Basic realm=\"ResearchPipeline jobs\"";
        return false;
    }
}
