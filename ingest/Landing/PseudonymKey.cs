using System.Security.Cryptography;
using System.Text;

using ResearchPipeline.Models;

namespace ResearchPipeline.Ingest.Landing;

/// <summary>Where the pseudonym key comes from: an environment variable, else a key file beside the warehouse.</summary>
public static class PseudonymKey
{
    public const string DefaultEnvironmentVariable = "RP_PSEUDONYM_KEY";

    /// <summary>The variable the key is read from: the one configured, else RP_PSEUDONYM_KEY.</summary>
    public static string VariableName(string? environmentVariable) =>
        string.IsNullOrWhiteSpace(environmentVariable) ? DefaultEnvironmentVariable : environmentVariable;

    public static string KeyFileFor(string warehousePath) => Path.GetFullPath(warehousePath) + ".key";

    /// <summary>Reads the key, or says why there is none. <paramref name="created"/> is set when a new key file was written.</summary>
    public static byte[] Resolve(string? environmentVariable, string warehousePath, bool createIfMissing, out bool created)
    {
        created = false;
        var variable = VariableName(environmentVariable);
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
            if (hex.Length == 0 && createIfMissing)
            {
                // An empty key file holds no key (the key is written whole, then renamed into place; an empty one was
                // never finished): nothing can have been pseudonymized with it, so rp init writes a new one.
                File.Delete(file);
            }
            else
            {
                byte[] stored;
                try
                {
                    stored = Convert.FromHexString(hex);
                }
                catch (FormatException)
                {
                    throw new PipelineInputException($"The pseudonym key file {file} is not a hex key; restore it from backup or set ${variable}.");
                }

                return stored.Length >= 16 ? stored
                    : throw new PipelineInputException($"The pseudonym key file {file} is {(stored.Length == 0 ? "empty" : "too short")}; restore it from backup, set ${variable}, or (for a warehouse with no ratings yet) delete it and run 'rp init'.");
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

        // Written whole under a temporary name, then renamed into place: a crash leaves no half-written key file.
        var temporary = file + ".tmp-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(Convert.ToHexStringLower(key));
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, file, overwrite: false);
        created = true;
        return key;
    }
}
