using System.Security.Cryptography;
using System.Text;

using ResearchPipeline.Models;

namespace ResearchPipeline.Ingest.Landing;

/// <summary>Where the pseudonym key comes from: an environment variable, else a key file beside the warehouse.</summary>
public static class PseudonymKey
{
    public const string DefaultEnvironmentVariable = "RP_PSEUDONYM_KEY";

    public static string KeyFileFor(string warehousePath) => Path.GetFullPath(warehousePath) + ".key";

    /// <summary>Reads the key, or says why there is none. <paramref name="created"/> is set when a new key file was written.</summary>
    public static byte[] Resolve(string? environmentVariable, string warehousePath, bool createIfMissing, out bool created)
    {
        created = false;
        var variable = string.IsNullOrWhiteSpace(environmentVariable) ? DefaultEnvironmentVariable : environmentVariable;
        var fromEnvironment = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            var bytes = Encoding.UTF8.GetBytes(fromEnvironment);
            if (bytes.Length < 16)
            {
                throw new PipelineInputException($"The pseudonym key in ${variable} is too short: use at least 16 characters.");
            }

            return bytes;
        }

        var file = KeyFileFor(warehousePath);
        if (File.Exists(file))
        {
            var hex = File.ReadAllText(file).Trim();
            try
            {
                return Convert.FromHexString(hex);
            }
            catch (FormatException)
            {
                throw new PipelineInputException($"The pseudonym key file {file} is not a hex key; restore it from backup or set ${variable}.");
            }
        }

        if (!createIfMissing)
        {
            throw new PipelineInputException(
                $"No pseudonym key: set ${variable} or run 'rp init' to create {file}.");
        }

        var key = RandomNumberGenerator.GetBytes(32);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Owner-readable only: the key turns pseudonyms back into a dictionary attack target.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(file, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(Convert.ToHexStringLower(key));
        }

        created = true;
        return key;
    }
}
