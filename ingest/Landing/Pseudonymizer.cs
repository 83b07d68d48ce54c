using System.Security.Cryptography;
using System.Text;

namespace ResearchPipeline.Ingest.Landing;

/// <summary>
/// Keyed pseudonyms for raters: HMAC-SHA256 of the trimmed, lower-cased identity, its Latin accents
/// composed (<see cref="NameNormalizer"/>: a name typed with composed or decomposed accents is one person).
/// The same person gets the same key in every run under one key, and an unrelated key under another;
/// without the key the pseudonym cannot be reversed by guessing emails.
/// </summary>
public sealed class Pseudonymizer(byte[] key)
{
    private readonly byte[] _key = key.Length >= 16
        ? key
        : throw new ArgumentException("A pseudonym key needs at least 16 bytes.", nameof(key));

    public string Pseudonymize(string identity)
    {
        var normalized = NameNormalizer.ComposeLatin(identity.Trim()).ToLowerInvariant();
        var mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(normalized));
        return "r_" + Convert.ToHexStringLower(mac, 0, 8);
    }

    /// <summary>
    /// Names the key without revealing it (an HMAC of a fixed label, not of anyone's identity): the warehouse keeps it
    /// to refuse landing under another key, which would give every rater a second identity.
    /// </summary>
    public string Fingerprint => "k_" + Convert.ToHexStringLower(HMACSHA256.HashData(_key, "ResearchPipeline pseudonym key fingerprint"u8), 0, 8);
}
