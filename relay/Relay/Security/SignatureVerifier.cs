using System.Collections.Concurrent;
using System.Globalization;
using Hntt.Relay.Protocol;
using Microsoft.Extensions.Options;

namespace Hntt.Relay.Security;

/// <summary>
/// Accepts a request only when it is signed with a known caller's key, recent (within the allowed clock skew), signed
/// after this relay started, and not seen before (its nonce is remembered for twice the skew). The cheap checks come
/// first and the body is read only then, and only up to <see cref="MaxBodyBytes"/>. Answers 401 with the reason otherwise.
/// </summary>
/// <remarks>
/// Nonces live in memory: a request captured before a restart would replay after it within the skew, so whatever was
/// signed before the relay started is refused. Keep the cloud's and the relay's clocks in sync (NTP).
/// </remarks>
internal sealed class SignatureVerifier(IOptions<RelayOptions> options, TimeProvider time)
{
    /// <summary>The largest body a command may have.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    readonly ConcurrentDictionary<string, DateTimeOffset> seenNonces = new(StringComparer.Ordinal);
    readonly DateTimeOffset started = time.GetUtcNow();
    DateTimeOffset lastSweep = DateTimeOffset.MinValue;

    /// <summary>The caller's name when the request is genuine; otherwise null and the reason.</summary>
    public async Task<(string? Caller, string? Reason)> VerifyAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? caller = request.Headers[RequestSignature.CallerHeader];
        if (caller is null || !options.Value.Callers.TryGetValue(caller, out string? key))
        {
            return (null, "unknown caller");
        }

        if (!long.TryParse(request.Headers[RequestSignature.TimestampHeader], NumberStyles.Integer, CultureInfo.InvariantCulture, out long timestamp))
        {
            return (null, "missing timestamp");
        }

        DateTimeOffset now = time.GetUtcNow(), signedAt = DateTimeOffset.FromUnixTimeMilliseconds(timestamp);
        if ((now - signedAt).Duration() > options.Value.MaxClockSkew)
        {
            return (null, "timestamp outside the allowed clock skew");
        }

        if (signedAt < started)
        {
            return (null, "signed before this relay started");
        }

        string? nonce = request.Headers[RequestSignature.NonceHeader];
        if (string.IsNullOrEmpty(nonce) || nonce.Length > 128)
        {
            return (null, "missing nonce");
        }

        string seen = $"{caller}:{nonce}";
        if (seenNonces.ContainsKey(seen))
        {
            return (null, "replayed request");
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, "body too large");
        }

        request.EnableBuffering();
        byte[] body = new byte[MaxBodyBytes + 1];
        int read = await request.Body.ReadAtLeastAsync(body, body.Length, throwOnEndOfStream: false);
        request.Body.Position = 0;
        if (read > MaxBodyBytes)
        {
            return (null, "body too large");
        }

        string expected = RequestSignature.Sign(Convert.FromBase64String(key), caller, request.Method, request.Path + request.QueryString, timestamp, nonce, body.AsSpan(0, read));
        if (!RequestSignature.Matches(expected, request.Headers[RequestSignature.SignatureHeader]))
        {
            return (null, "bad signature");
        }

        Sweep(now);
        return seenNonces.TryAdd(seen, now) ? (caller, null) : (null, "replayed request");
    }

    // Nonces older than twice the skew cannot come back: their timestamps would be rejected.
    void Sweep(DateTimeOffset now)
    {
        if (now - lastSweep < options.Value.MaxClockSkew)
        {
            return;
        }

        lastSweep = now;
        foreach (var (nonce, at) in seenNonces)
        {
            if (now - at > options.Value.MaxClockSkew * 2)
            {
                seenNonces.TryRemove(nonce, out _);
            }
        }
    }
}
