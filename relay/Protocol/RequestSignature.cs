using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Hntt.Relay.Protocol;

/// <summary>
/// HMAC-SHA256 over the caller's name, the method, path, timestamp, nonce and the body's SHA-256, with the caller's
/// key. The relay accepts only signed requests, rejects old ones and replays (SL I.5: encrypted, access-controlled
/// remote control).
/// </summary>
public static class RequestSignature
{
    /// <summary>The caller's name.</summary>
    public const string CallerHeader = "X-Hntt-Caller";

    /// <summary>Unix time of signing, in milliseconds.</summary>
    public const string TimestampHeader = "X-Hntt-Timestamp";

    /// <summary>A value never used twice.</summary>
    public const string NonceHeader = "X-Hntt-Nonce";

    /// <summary>The signature, base64.</summary>
    public const string SignatureHeader = "X-Hntt-Signature";

    /// <summary>Computes the signature.</summary>
    public static string Sign(byte[] key, string caller, string method, string pathAndQuery, long timestampMs, string nonce, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(key);
        string canonical = string.Join('\n', caller, method.ToUpperInvariant(), pathAndQuery, timestampMs.ToString(CultureInfo.InvariantCulture), nonce,
            Convert.ToHexStringLower(SHA256.HashData(body)));
        return Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>Compares signatures in constant time.</summary>
    public static bool Matches(string expected, string? actual) =>
        actual is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(actual));
}
